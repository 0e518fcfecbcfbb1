"""axe-core finds no violation on the key pages, in English and in Arabic (right to left).

axe-playwright-python bundles axe-core: nothing is downloaded at run time. The page's own
Content-Security-Policy would refuse the injected script, so the browser context bypasses it
for the check only; the pages are served exactly as to a user.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from reviews.enums import ObservationCategory, ParticipantRole, Step, ThreadVisibility
from reviews.models import ObservationList
from reviews.services import add_observation, add_participant, ensure_outputs, get_or_create_thread, post_comment
from tests.e2e.test_answering import sign_in
from tests.e2e.test_cycles import signed_in_as_secretariat
from tests.factories.elearning import EnrolmentFactory, LessonFactory, ModuleFactory, build_quiz
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url


def violations(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def build_pages():
    """A review being answered, one at the observations step, a thread, a course; their URLs by name."""
    questionnaire = published_questionnaire(questions=4, sections=2)
    answering = review(of="FRA", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    focal_point = participant(answering, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email="fp@a11y.org")
    participant(answering, iso3="DEU", role=ParticipantRole.EXPERT, email="reviewer@a11y.org")
    question = questionnaire.questions.filter(parent__isnull=True).order_by("order").first()
    thread = get_or_create_thread(answering, question=question, visibility=ThreadVisibility.ALL)
    post_comment(thread, author=focal_point, body="Our **Penal Code**, art. 321, applies.")
    observing = review(of="JPN", same_region="FRA", questionnaire=questionnaire, step=Step.OBSERVATIONS)
    add_participant(observing, user=focal_point, role=ParticipantRole.FOCAL_POINT)
    ensure_outputs(observing)
    french_list = ObservationList.objects.get(review=observing, reviewing_state__iso3="FRA")
    add_observation(french_list, category=ObservationCategory.GAP, text="No statistics on cases.", user=focal_point)
    lesson = LessonFactory(module=ModuleFactory())
    course = lesson.module.course
    quiz = build_quiz(course)
    EnrolmentFactory(user=focal_point, course=course)
    section = f"/reviews/{answering.pk}/questionnaires/{questionnaire.pk}/sections/1/"
    signed_in = {
        "dashboard": "/dashboard/",
        "review": f"/reviews/{answering.pk}/",
        "questionnaire section": section,
        "thread": f"/reviews/{answering.pk}/questions/{question.pk}/discussion/",
        "outputs": f"/reviews/{observing.pk}/outputs/",
        "course": f"/learning/courses/{course.pk}/",
        "lesson": f"/learning/lessons/{lesson.pk}/",
        "quiz": f"/learning/quizzes/{quiz.pk}/",
    }
    secretariat = {"overview": "/reviews/overview/", "people": "/accounts/people/"}
    public = {
        "sign-in": "/accounts/sign-in/",
        "certificate check": "/learning/verify/",
        "accessibility statement": "/accessibility/",
    }
    return signed_in, secretariat, public


def test_the_check_finds_a_violation(browser):
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')

    found = violations(page)

    assert any("image-alt" in line for line in found)
    assert any("label" in line for line in found)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_key_pages_have_no_accessibility_violation(live_server, browser, artifacts_dir, language):
    signed_in, secretariat, public = build_pages()
    found: list[str] = []

    visitor = browser.new_context(bypass_csp=True).new_page()
    for path in public.values():
        visit(visitor, f"{live_server.url}/{language}{path}")
        found += violations(visitor)
    visitor.screenshot(path=str(artifacts_dir / f"accessibility-statement-{language}.png"), full_page=True)

    person = browser.new_context(bypass_csp=True).new_page()
    sign_in(person, live_server, "fp@a11y.org")
    for path in signed_in.values():
        visit(person, f"{live_server.url}/{language}{path}")
        assert person.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        found += violations(person)

    staff = browser.new_context(bypass_csp=True).new_page()
    signed_in_as_secretariat(staff, live_server)
    for path in secretariat.values():
        visit(staff, f"{live_server.url}/{language}{path}")
        found += violations(staff)

    assert found == []
