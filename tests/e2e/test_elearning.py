"""A learner goes through a lesson and the quiz to a certificate; the learner page in Arabic and Chinese."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from elearning.models import Choice, QuizAttempt
from elearning.services import enrol_in_onboarding
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def sign_in(page, base_url, email, password):
    page.context.clear_cookies()
    page.goto(f"{base_url}/en/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")


def test_learner_reads_the_lessons_passes_the_quiz_and_gets_a_certificate(live_server, page, artifacts_dir):
    call_command("seed_demo")
    learner = UserFactory(email="new.learner@example.org", full_name="Nadia Newcomer", preferred_language="en")
    enrol_in_onboarding(learner)
    sign_in(page, live_server.url, learner.email, PASSWORD)

    page.goto(f"{live_server.url}/en/learning/my/")
    assert page.get_by_text("0 of 5 lessons").is_visible()
    page.get_by_role("link", name="Start with").click()
    for _lesson in range(5):
        assert page.locator(".el-richtext p").first.is_visible()
        page.get_by_role("button", name="Mark as read").click()
    page.goto(f"{live_server.url}/en/learning/my/")
    assert page.get_by_text("5 of 5 lessons").is_visible()

    page.get_by_role("link", name="Take the quiz").click()
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/attempts/*/")
    assert page.locator(".el-choice-feedback").count() == 0
    attempt = QuizAttempt.objects.get(user=learner)
    for item in attempt.layout:
        for choice in Choice.objects.filter(pk__in=item["choices"], is_correct=True):
            page.locator(f'input[name="q{item["question"]}"][value="{choice.pk}"]').check()
    page.screenshot(path=str(artifacts_dir / "elearning-quiz-en.png"), full_page=True)
    page.get_by_role("button", name="Submit your answers").click()

    assert page.get_by_role("heading", name="Your score: 100%").is_visible()
    assert page.locator(".el-choice-feedback").count() >= 10
    page.screenshot(path=str(artifacts_dir / "elearning-result-en.png"), full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate").first.click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")

    code = learner.enrolments.get().certificate.code
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/en/learning/verify/")
    page.get_by_label("Verification code").fill(code.lower())
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_text("This certificate is genuine.").is_visible()
    assert page.get_by_text("Nadia Newcomer").count() == 0


@pytest.mark.parametrize(
    "case",
    [("expert.egy@example.org", "ar", "rtl"), ("expert.chn@example.org", "zh-hans", "ltr")],
    ids=["ar", "zh-hans"],
)
def test_learner_page_in_arabic_and_chinese(live_server, page, artifacts_dir, case):
    email, language, direction = case
    call_command("seed_demo")
    sign_in(page, live_server.url, email, "revmod-demo-2026")

    page.goto(f"{live_server.url}/{language}/learning/my/")

    assert page.locator("html").get_attribute("dir") == direction
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    title = page.locator(".el-card-title").first
    expected = {"ar": "المشاركة في استعراض قُطري", "zh-hans": "参加国别审议"}[language]
    assert title.inner_text() == expected
    assert page.locator(".el-fallback").count() == 0
    page.screenshot(path=str(artifacts_dir / f"elearning-my-learning-{language}.png"), full_page=True)
    page.locator(".el-next a").first.click()
    page.screenshot(path=str(artifacts_dir / f"elearning-lesson-{language}.png"), full_page=True)
    assert page.locator(".el-richtext").get_attribute("lang") == language
