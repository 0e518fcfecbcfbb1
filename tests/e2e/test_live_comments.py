"""A comment posted in one browser appears in another without reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_comment_appears_live_for_the_other_participant(asgi_live_server, browser, artifacts_dir):
    country_review = review(
        of="EGY",
        same_region="MAR",
        other_region="FRA",
        step=Step.DIALOGUE,
        questionnaire=published_questionnaire(questions=2, sections=1),
    )
    participant(
        country_review,
        iso3="EGY",
        role=ParticipantRole.FOCAL_POINT,
        email="fp@e2e.org",
        preferred_language="ar",
        full_name="Amira Farouk",
    )
    participant(
        country_review, iso3="FRA", role=ParticipantRole.EXPERT, email="expert@e2e.org", full_name="Jean Martin"
    )
    url = f"{asgi_live_server}/{{language}}/reviews/{country_review.pk}/discussion/"

    reader = browser.new_context().new_page()
    sign_in(reader, asgi_live_server, "fp@e2e.org")
    reader.goto(url.format(language="ar"))
    expect(reader.locator("[data-live-status]")).not_to_be_empty()
    writer = browser.new_context().new_page()
    sign_in(writer, asgi_live_server, "expert@e2e.org")
    writer.goto(url.format(language="en"))

    writer.locator("#body-all").fill("Could you **describe** the 2019 amendment?")
    writer.get_by_role("region", name="All participants").get_by_role("button", name="Post the comment").click()

    comment = reader.locator("[data-comments] .comment").first
    expect(comment).to_contain_text("Could you describe the 2019 amendment?")
    expect(comment.locator("strong", has_text="describe")).to_be_visible()
    expect(reader.locator("[data-announcer]")).to_contain_text("Jean Martin")
    assert reader.evaluate("performance.getEntriesByType('navigation').length") == 1
    reader.screenshot(path=str(artifacts_dir / "discussion-ar.png"), full_page=True)
