"""A comment posted in one browser appears in another without reloading."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reviews.enums import ParticipantRole, Step, ThreadVisibility
from reviews.services import get_or_create_thread, post_comment
from revmod.accounts.models import User
from tests.e2e.test_answering import sign_in
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def reader_and_writer(asgi_live_server, browser):
    """The Egyptian focal point reading in Arabic and a French expert writing in English, both on the page."""
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
    expect(writer.locator("[data-live-status]")).not_to_be_empty()
    return reader, writer, country_review


def test_comment_appears_live_for_the_other_participant(asgi_live_server, browser, artifacts_dir):
    reader, writer, _review = reader_and_writer(asgi_live_server, browser)

    writer.locator("#body-all").fill("Could you **describe** the 2019 amendment?")
    writer.get_by_role("region", name="All participants").get_by_role("button", name="Post the comment").click()

    comment = reader.locator("[data-comments] .comment").first
    expect(comment).to_contain_text("Could you describe the 2019 amendment?")
    expect(comment.locator("strong", has_text="describe")).to_be_visible()
    # Written from the English pages: the live comment says so, as a loaded one does, in the language's own name.
    expect(comment.locator(".comment__language[lang=en]")).to_have_text("English")
    expect(comment.locator(".comment__body")).to_have_attribute("lang", "en")
    expect(comment.locator(".comment__body")).to_have_attribute("dir", "ltr")
    expect(reader.locator("[data-announcer]")).to_contain_text("Jean Martin")
    assert reader.evaluate("performance.getEntriesByType('navigation').length") == 1
    reader.screenshot(path=str(artifacts_dir / "discussion-ar.png"), full_page=True)
    reader.context.close()  # the sockets end before the database is emptied for the next test
    writer.context.close()


def test_a_live_comment_has_the_controls_of_a_loaded_one_and_focus_follows_the_post(
    asgi_live_server, browser, artifacts_dir
):
    reader, writer, _review = reader_and_writer(asgi_live_server, browser)

    # Typing shows to the others, not to the one typing.
    writer.locator("#body-all").press_sequentially("Please describe the 2019 amendment.")
    expect(reader.locator('[data-thread-key="general:all"] [data-typing]')).to_contain_text("Jean Martin")
    assert writer.locator('[data-thread-key="general:all"] [data-typing]').text_content() == ""
    # Viewing now: the first to arrive learns of the second.
    expect(reader.locator("[data-presence]")).to_contain_text("Jean Martin", timeout=10_000)

    writer.get_by_role("region", name="All participants").get_by_role("button", name="Post the comment").click()
    own = writer.locator("[data-comments] > .comment").first
    expect(own).to_be_focused()
    expect(writer.locator("[data-announcer]")).to_contain_text("Your comment was posted.")
    expect(own.locator('[data-control="edit"] summary')).to_have_text("Edit")
    expect(own.get_by_role("button", name="Delete")).to_be_visible()
    expect(own.locator("[data-edit-body]")).to_have_value("Please describe the 2019 amendment.")

    arrived = reader.locator("[data-comments] > .comment").first
    expect(arrived).to_contain_text("Please describe the 2019 amendment.")
    expect(arrived.locator('[data-control="edit"]')).to_have_count(0)  # not the reader's comment
    expect(arrived.locator('[data-control="delete"]')).to_have_count(0)
    reply_summary = arrived.locator('[data-control="reply"] summary')
    reply_summary.focus()
    reader.keyboard.press("Enter")
    reply = arrived.locator('[data-control="reply"] textarea')
    expect(reply).to_be_visible()
    reply.press_sequentially("@Jea")
    suggestion = arrived.locator("[data-mention-list] button", has_text="Jean Martin")
    expect(suggestion).to_be_visible()
    suggestion.click()
    reply.press_sequentially("the amendment is in force since 2020.")
    reader.screenshot(path=str(artifacts_dir / "live-reply-ar.png"), full_page=True)
    arrived.locator('[data-control="reply"] button[type="submit"]').press("Enter")

    expect(reader.locator(".replies .comment").first).to_be_focused()
    expect(own.locator(".replies .comment").first).to_contain_text("the amendment is in force since 2020.")
    expect(own.locator(".replies .comment").first.locator("a, strong, span").first).to_be_attached()
    writer.screenshot(path=str(artifacts_dir / "live-reply-en.png"), full_page=True)
    assert reader.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert writer.evaluate("performance.getEntriesByType('navigation').length") == 1
    reader.context.close()
    writer.context.close()


def test_a_comment_whose_live_message_was_lost_arrives_with_the_next_one(asgi_live_server, browser):
    """A worker may die between storing a comment and sending its message, or two workers'
    messages may cross: the next live change shows a hole in the change numbers, and the page
    asks for what it lacks. The reviewing side's private comment stored meanwhile stays unseen."""
    reader, writer, country_review = reader_and_writer(asgi_live_server, browser)
    expert = User.objects.get(email="expert@e2e.org")
    # Stored by this test's process, whose messages reach no page: a live message lost.
    lost = get_or_create_thread(country_review, question=None, visibility=ThreadVisibility.ALL)
    post_comment(lost, author=expert, body="Stored while its live message was lost.")
    private = get_or_create_thread(country_review, question=None, visibility=ThreadVisibility.REVIEWING)
    post_comment(private, author=expert, body="Between the reviewing experts only.")

    writer.locator("#body-all").fill("Posted after it.")
    writer.get_by_role("region", name="All participants").get_by_role("button", name="Post the comment").click()

    comments = reader.locator('[data-thread-key="general:all"] [data-comments] > .comment')
    expect(comments.filter(has_text="Posted after it.")).to_have_count(1)
    expect(comments.filter(has_text="Stored while its live message was lost.")).to_have_count(1, timeout=10_000)
    expect(comments).to_have_count(2)
    assert "Between the reviewing experts only." not in reader.content()
    assert reader.evaluate("performance.getEntriesByType('navigation').length") == 1
    reader.context.close()
    writer.context.close()
