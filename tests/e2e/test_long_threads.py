"""A long thread shows its latest comments; earlier ones come with the keyboard, and links land on old ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step, ThreadVisibility
from reviews.markup import render_comment
from reviews.models import Comment
from reviews.services import get_or_create_thread
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def long_thread(count: int):
    """A review of Egypt in dialogue whose general thread holds ``count`` comments, a minute apart."""
    country_review = review(
        of="EGY",
        same_region="MAR",
        other_region="FRA",
        step=Step.DIALOGUE,
        questionnaire=published_questionnaire(questions=2, sections=1),
    )
    reader = participant(
        country_review,
        iso3="EGY",
        role=ParticipantRole.FOCAL_POINT,
        email="fp@e2e.org",
        preferred_language="ar",
        full_name="Amira Farouk",
    )
    thread = get_or_create_thread(country_review, question=None, visibility=ThreadVisibility.ALL)
    start = timezone.now() - dt.timedelta(days=1)
    comments = Comment.objects.bulk_create(
        [
            Comment(
                thread=thread,
                author=reader,
                body=f"Comment number {index + 1}",
                body_html=render_comment(f"Comment number {index + 1}"),
                created_at=start + dt.timedelta(minutes=index),
            )
            for index in range(count)
        ]
    )
    return country_review, comments


def test_earlier_comments_load_with_the_keyboard_and_a_link_lands_on_an_old_comment(
    asgi_live_server, browser, artifacts_dir
):
    country_review, comments = long_thread(120)
    page = browser.new_context().new_page()
    sign_in(page, asgi_live_server, "fp@e2e.org")
    url = f"{asgi_live_server}/ar/reviews/{country_review.pk}/discussion/"
    page.goto(url)
    shown = page.locator('[data-thread-key="general:all"] [data-comments] > .comment')
    expect(shown).to_have_count(50)
    expect(shown.first).to_contain_text("Comment number 71")

    earlier = page.locator('[data-thread-key="general:all"] [data-earlier-links] a').first
    earlier.focus()
    page.screenshot(path=str(artifacts_dir / "long-thread-links-ar.png"), full_page=False)
    page.keyboard.press("Enter")

    expect(shown).to_have_count(100)
    expect(shown.first).to_contain_text("Comment number 21")
    expect(page.locator(f"#comment-{comments[69].pk}")).to_be_focused()
    expect(page.locator("[data-announcer]")).not_to_be_empty()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no reload
    page.screenshot(path=str(artifacts_dir / "long-thread-earlier-ar.png"), full_page=False)

    # A link from a notification names the comment: the page opens on the comments that hold it.
    third = comments[2].pk
    page.goto(f"{url}?comment={third}#comment-{third}")
    expect(page.locator(f"#comment-{third}")).to_be_in_viewport()
    expect(shown.first).to_contain_text("Comment number 3")
    # A bare anchor (a link copied from the address bar of a loaded page): the page loads until it is there.
    page.goto(f"{asgi_live_server}/ar/reviews/{country_review.pk}/")
    page.goto(f"{url}#comment-{third}")
    expect(page.locator(f"#comment-{third}")).to_be_focused()
    expect(page.locator(f"#comment-{third}")).to_be_in_viewport()
    page.screenshot(path=str(artifacts_dir / "long-thread-deep-link-ar.png"), full_page=False)
    page.context.close()
