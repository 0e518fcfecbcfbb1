"""A State fills its questionnaire together: the focal point gives a section to a contributor, who drafts
and marks it ready; the focal point clears it and submits. Each reads the pages in its own language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviews.enums import AnswerStatus, ParticipantRole, Step
from reviews.models import Answer, CountryReview
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_contributor_drafts_the_focal_point_clears_and_submits(live_server, browser, artifacts_dir):
    questionnaire = published_questionnaire(questions=2, sections=1)
    country_review = review(of="EGY", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    participant(country_review, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email="fp@e2e.org")
    participant(country_review, iso3="EGY", role=ParticipantRole.CONTRIBUTOR, email="justice@e2e.org")
    participant(country_review, iso3="DEU", role=ParticipantRole.EXPERT, email="reviewer@e2e.org")
    first, second = questionnaire.questions.filter(parent__isnull=True).order_by("order")
    follow_up = questionnaire.questions.get(parent=first)
    section_url = f"{live_server.url}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/"

    focal = browser.new_page()
    sign_in(focal, live_server, "fp@e2e.org")
    focal.goto(f"{live_server.url}/en/coordination/{country_review.pk}/")
    focal.get_by_label("Give to").select_option(
        label=focal.get_by_label("Give to").locator("option").nth(1).inner_text()
    )
    focal.locator("input[name=sections]").first.check()
    focal.get_by_role("button", name="Give out").click()
    expect(focal.get_by_text("The questions are given out.")).to_be_visible()

    contributor = browser.new_page()
    sign_in(contributor, live_server, "justice@e2e.org")
    contributor.goto(section_url)
    contributor.locator(f"#question-{first.pk}").get_by_label("Yes").check()
    contributor.locator(f"#question-{follow_up.pk}").get_by_label("Title of the law").fill("Penal Code")
    contributor.locator(f"#question-{second.pk} textarea").fill("Law 10 of 1961 applies.")
    expect(contributor.locator(f"#question-{second.pk} [data-status]")).to_have_text("Saved")
    expect(contributor.locator(f"#question-{follow_up.pk} [data-status]")).to_have_text("Saved")
    contributor.get_by_role("button", name="Mark every drafted answer of the section ready").click()
    expect(contributor.get_by_text("answers are ready for clearance.")).to_be_visible()
    # The State talks it over inside: the State-internal thread of the general discussion.
    contributor.goto(f"{live_server.url}/en/reviews/{country_review.pk}/discussion/")
    contributor.locator("#body-state").fill("Drafts ready: the ministry of justice agrees.")
    contributor.locator("section[data-visibility=state]").get_by_role("button", name="Post the comment").click()
    expect(contributor.get_by_text("Drafts ready: the ministry of justice agrees.")).to_be_visible()
    # The contributor's review page leads to the questionnaire, never to the outputs.
    contributor.goto(f"{live_server.url}/en/reviews/{country_review.pk}/")
    expect(contributor.get_by_role("link", name="Outputs of the review")).to_have_count(0)

    focal.goto(section_url.replace("/en/", "/ar/"))
    expect(focal.locator("html")).to_have_attribute("dir", "rtl")
    focal.screenshot(path=str(artifacts_dir / "coordination-section-ar.png"), full_page=True)
    focal.goto(section_url)
    focal.get_by_role("button", name="Clear every answered question of the section").click()
    expect(focal.get_by_text("answers are cleared.")).to_be_visible()
    focal.screenshot(path=str(artifacts_dir / "coordination-section-en.png"), full_page=True)
    focal.goto(f"{live_server.url}/ar/coordination/{country_review.pk}/")
    focal.screenshot(path=str(artifacts_dir / "coordination-page-ar.png"), full_page=True)
    focal.goto(f"{live_server.url}/en/reviews/{country_review.pk}/submit/")
    focal.get_by_role("button", name="Submit the questionnaire").click()
    expect(focal.get_by_text("The questionnaire is submitted.")).to_be_visible()

    # The reviewing side reads the cleared answers, never the State's internal talk.
    reviewer = browser.new_page()
    sign_in(reviewer, live_server, "reviewer@e2e.org")
    reviewer.goto(f"{live_server.url}/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/")
    expect(reviewer.get_by_text("Law 10 of 1961 applies.")).to_be_visible()
    reviewer.goto(f"{live_server.url}/en/reviews/{country_review.pk}/discussion/")
    expect(reviewer.get_by_text("the ministry of justice agrees")).to_have_count(0)
    expect(reviewer.locator("section[data-visibility=state]")).to_have_count(0)

    statuses = set(Answer.objects.filter(review=country_review).values_list("status", flat=True))
    assert statuses == {AnswerStatus.CLEARED}
    assert CountryReview.objects.get(pk=country_review.pk).step == Step.FEEDBACK
