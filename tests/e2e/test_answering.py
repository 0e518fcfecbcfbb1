"""A focal point answers the questionnaire with autosave, then submits it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step
from reviews.models import Answer, CountryReview
from tests.factories.accounts import PASSWORD
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, live_server, email: str) -> None:
    base = live_server if isinstance(live_server, str) else live_server.url
    page.goto(f"{base}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def test_focal_point_answers_with_autosave_and_submits(live_server, page, artifacts_dir):
    questionnaire = published_questionnaire(questions=3, sections=1)
    country_review = review(of="FRA", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email="fp@e2e.org")
    first, second, third = questionnaire.questions.filter(parent__isnull=True).order_by("order")
    follow_up = questionnaire.questions.get(parent=first)

    sign_in(page, live_server, "fp@e2e.org")
    page.get_by_role("link", name="My reviews").click()
    page.get_by_role("link", name="France").click()
    page.get_by_role("link", name="Answer", exact=True).click()

    # Answering "yes" reveals the required follow-up asking for the legislation.
    expect(page.locator(f"#question-{follow_up.pk}")).to_be_hidden()
    page.locator(f"#question-{first.pk}").get_by_label("Yes").check()
    expect(page.locator(f"#question-{follow_up.pk}")).to_be_visible()
    expect(page.locator(f"#question-{first.pk} [data-status]")).to_have_text("Saved")
    page.locator(f"#question-{follow_up.pk}").get_by_label("Title of the law").fill("Code pénal")
    page.locator(f"#question-{second.pk} textarea").fill("Article 450-1 of the Criminal Code applies.")
    expect(page.locator(f"#question-{second.pk} [data-status]")).to_have_text("Saved")
    expect(page.locator(f"#question-{follow_up.pk} [data-status]")).to_have_text("Saved")
    page.locator(f"#question-{third.pk}").get_by_label("Partly").check()
    expect(page.locator(f"#question-{third.pk} [data-status]")).to_have_text("Saved")
    page.screenshot(path=str(artifacts_dir / "answering-en.png"), full_page=True)

    # Autosave stored everything without pressing the button.
    assert Answer.objects.get(question=second).value == "Article 450-1 of the Criminal Code applies."
    assert Answer.objects.get(question=follow_up).value == [{"title": "Code pénal", "provision": "", "url": ""}]

    page.goto(f"{live_server.url}/en/reviews/{country_review.pk}/submit/")
    # The focal point's own answers are drafts until they clear them: the submit page lists them.
    expect(page.get_by_role("heading", name="Required answers not cleared yet")).to_be_visible()
    page.get_by_role("button", name="Clear these").click()
    expect(page.get_by_text("answers are cleared.")).to_be_visible()
    page.get_by_role("button", name="Submit the questionnaire").click()
    expect(page.get_by_text("The questionnaire is submitted.")).to_be_visible()

    country_review.refresh_from_db()
    assert country_review.step == Step.FEEDBACK
    assert CountryReview.objects.get(pk=country_review.pk).submitted_at is not None


def test_conflicting_edit_is_shown_and_nothing_typed_is_lost(live_server, browser):
    questionnaire = published_questionnaire(questions=2, sections=1)
    country_review = review(of="FRA", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email="fp@e2e.org")
    participant(country_review, iso3="FRA", role=ParticipantRole.EXPERT, email="expert@e2e.org")
    text_question = questionnaire.questions.get(number="2")
    pages = []
    for email in ("fp@e2e.org", "expert@e2e.org"):
        page = browser.new_context().new_page()
        sign_in(page, live_server, email)
        page.goto(f"{live_server.url}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/")
        pages.append(page)
    focal_point, expert = pages

    focal_point.locator(f"#question-{text_question.pk} textarea").fill("The focal point's answer")
    expect(focal_point.locator(f"#question-{text_question.pk} [data-status]")).to_have_text("Saved")
    expert.locator(f"#question-{text_question.pk} textarea").fill("The expert's answer")

    expect(expert.locator(f"#question-{text_question.pk} .conflict")).to_contain_text("The focal point's answer")
    expect(expert.locator(f"#question-{text_question.pk} textarea")).to_have_value("The expert's answer")
    assert Answer.objects.get(question=text_question).value == "The focal point's answer"
