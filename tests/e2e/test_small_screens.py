"""Issue 20, item 3: on a 390-pixel phone nothing widens the page, in English and in Arabic."""

from __future__ import annotations

import pytest

from reviews.enums import ParticipantRole, Step
from reviews.services import add_participant
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDER_THAN_THE_SCREEN = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_my_reviews_and_the_answer_form_fit_a_phone(live_server, page, artifacts_dir, language):
    questionnaire = published_questionnaire(questions=7, sections=1)
    country_review = review(of="EGY", same_region="MAR", questionnaire=questionnaire, step=Step.SAQ_DRAFTING)
    person = participant(country_review, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email="fp.egy@e2e.org")
    add_participant(review(of="BRA", same_region="ARG", other_region="EGY"), user=person, role=ParticipantRole.EXPERT)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "fp.egy@e2e.org")

    page.goto(f"{live_server.url}/{language}/reviews/")
    page.screenshot(path=str(artifacts_dir / f"phone-my-reviews-{language}.png"), full_page=True)
    assert page.evaluate(WIDER_THAN_THE_SCREEN) <= 0
    header = page.locator(".site-header").bounding_box()
    assert header["width"] == 390

    page.goto(f"{live_server.url}/{language}/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/sections/1/")
    page.screenshot(path=str(artifacts_dir / f"phone-answering-{language}.png"), full_page=True)
    assert page.evaluate(WIDER_THAN_THE_SCREEN) <= 0
    legend, box = (
        page.locator("fieldset.question legend").first.bounding_box(),
        page.locator("fieldset.question").first.bounding_box(),
    )
    assert legend["y"] > box["y"]  # inside its box, below the border

    url_input = page.locator("input[type=url]").first
    assert url_input.evaluate("element => getComputedStyle(element).direction") == "ltr"
