from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.urls import reverse
from rest_framework.test import APIClient

from reviews import selectors
from reviews.enums import CommentKind, Step, ThreadVisibility
from reviews.models import AnswerRevision, Comment, CommentVersion
from reviews.services import (
    CommentError,
    ReviewError,
    delete_comment,
    edit_comment,
    get_or_create_thread,
    move_review,
    post_comment,
    resolve_thread,
    save_answer,
)
from revmod.settings import redis_channel_layer

pytestmark = pytest.mark.django_db


def general(world, visibility=ThreadVisibility.ALL):
    return get_or_create_thread(world.review, question=None, visibility=visibility)


def on_question(world, number="2", visibility=ThreadVisibility.ALL):
    question = world.questionnaire.questions.get(number=number)
    return get_or_create_thread(world.review, question=question, visibility=visibility)


def test_comments_render_a_markdown_subset_and_find_mentions(world):
    comment = post_comment(general(world), author=world.focal_point, body=f"**Thanks** @[{world.expert.full_name}]")

    assert (
        comment.body_html == f'<p><strong>Thanks</strong> <span class="mention">@{world.expert.full_name}</span></p>\n'
    )
    assert list(comment.mentions.all()) == [world.expert]


def test_mentions_only_reach_participants_of_the_review(world):
    comment = post_comment(general(world), author=world.focal_point, body=f"@[{world.stranger.full_name}]")

    assert list(comment.mentions.all()) == []


def test_replies_stay_one_level_deep(world):
    thread = general(world)
    first = post_comment(thread, author=world.focal_point, body="First")
    reply = post_comment(thread, author=world.reviewing_expert, body="Reply", parent=first)

    reply_to_reply = post_comment(thread, author=world.expert, body="Reply to the reply", parent=reply)

    assert reply_to_reply.parent == first


def test_reviewing_side_threads_are_closed_to_the_reviewed_state(world):
    private = general(world, ThreadVisibility.REVIEWING)
    post_comment(private, author=world.reviewing_expert, body="Between reviewers")

    with pytest.raises(CommentError, match="cannot write in this thread"):
        post_comment(private, author=world.focal_point, body="Let me in")


def test_observers_read_but_do_not_write(world):
    with pytest.raises(CommentError):
        post_comment(general(world), author=world.observer, body="Hello")


def test_editing_keeps_the_previous_version_and_deleting_leaves_a_mark(world):
    comment = post_comment(general(world), author=world.expert, body="Version one")

    edit_comment(comment, editor=world.expert, body="Version two")
    with pytest.raises(CommentError):
        edit_comment(comment, editor=world.focal_point, body="Not mine")
    delete_comment(comment, by=world.expert)

    comment.refresh_from_db()
    assert comment.body == "Version two"
    assert comment.edited_at is not None
    assert comment.is_deleted
    assert list(CommentVersion.objects.filter(comment=comment).values_list("body", flat=True)) == [
        "Version two",
        "Version one",
    ]


def test_resolved_threads_take_no_comment_until_reopened(world):
    thread = general(world)
    resolve_thread(thread, by=world.reviewing_expert)

    with pytest.raises(CommentError, match="resolved"):
        post_comment(thread, author=world.focal_point, body="One more thing")
    resolve_thread(thread, by=world.focal_point, resolved=False)
    comment = post_comment(thread, author=world.focal_point, body="One more thing")

    assert comment.pk


def test_a_comment_records_the_answer_revision_it_was_written_against(world):
    question = world.questionnaire.questions.get(number="2")
    save_answer(world.review, question, value="First", base_revision=0, user=world.expert)
    comment = post_comment(on_question(world), author=world.secretariat, body="Which law?")
    save_answer(world.review, question, value="Second", base_revision=1, user=world.expert)

    assert comment.answer_revision == 1


def test_a_clarification_request_is_answered_by_the_reviewed_side_and_blocks_leaving_the_dialogue(world):
    world.review.step = Step.DIALOGUE
    world.review.save()
    thread = general(world)
    request = post_comment(thread, author=world.reviewing_expert, body="Please explain", kind=CommentKind.CLARIFICATION)

    with pytest.raises(ReviewError, match="1 request for clarification is still waiting"):
        move_review(world.review, to_step=Step.OBSERVATIONS, user=world.secretariat)
    post_comment(thread, author=world.reviewing_focal_point, body="Any news?", parent=request)
    request.refresh_from_db()
    still_open = request.answered_at is None
    post_comment(thread, author=world.focal_point, body="Here is the explanation", parent=request)
    move_review(world.review, to_step=Step.OBSERVATIONS, user=world.secretariat)

    request.refresh_from_db()
    assert still_open
    assert request.answered_at is not None


def test_only_the_reviewing_side_asks_for_clarification(world):
    with pytest.raises(CommentError, match="Only the reviewing side"):
        post_comment(general(world), author=world.focal_point, body="?", kind=CommentKind.CLARIFICATION)


def test_comment_size_is_limited(world):
    with pytest.raises(CommentError, match="at most 10000 characters"):
        post_comment(general(world), author=world.focal_point, body="x" * 10_001)


# --- pages --------------------------------------------------------------------------


def test_posting_with_the_plain_form_works_without_javascript(client, world):
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:post_comment", kwargs={"pk": world.review.pk}), {"body": "Plain form", "visibility": "all"}
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<p>Plain form</p>" in page


def test_posting_with_fetch_returns_the_comment_as_json(client, world):
    client.force_login(world.reviewing_expert)

    response = client.post(
        reverse("reviews:post_comment", kwargs={"pk": world.review.pk}),
        {"body": "Live", "visibility": "reviewing"},
        headers={"X-Requested-With": "fetch"},
    )

    assert response.status_code == 201
    assert (response.json()["html"], response.json()["visibility"]) == ("<p>Live</p>\n", "reviewing")


def test_a_refused_comment_keeps_the_text_for_the_author(client, world):
    client.force_login(world.focal_point)
    url = reverse("reviews:post_comment", kwargs={"pk": world.review.pk})

    response = client.post(url, {"body": "Typed text", "visibility": "all", "kind": "clarification"}, follow=True)

    body = response.content.decode()
    assert "Only the reviewing side asks for clarification." in body
    assert ">Typed text</textarea>" in body


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("focal_point", 200),
        ("reviewing_expert", 200),
        ("observer", 200),
        ("stranger", 404),
        ("nobody", 404),
        ("anonymous", 302),
    ],
)
def test_general_discussion_page_access(client, world, person, expected):
    if person != "anonymous":
        client.force_login(getattr(world, person))

    response = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk}))

    assert response.status_code == expected


def test_reviewed_side_sees_only_the_all_participants_thread(client, world):
    post_comment(general(world, ThreadVisibility.REVIEWING), author=world.reviewing_expert, body="Reviewers only")
    client.force_login(world.focal_point)

    page = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk})).content.decode()

    assert "Reviewers only" not in page
    assert "Reviewing side and secretariat only" not in page


def test_question_discussion_is_closed_to_the_reviewing_side_before_submission(client, world):
    question = world.questionnaire.questions.get(number="2")
    client.force_login(world.reviewing_expert)

    response = client.get(
        reverse("reviews:question_discussion", kwargs={"pk": world.review.pk, "question_pk": question.pk})
    )

    assert response.status_code == 404


def test_stranger_cannot_post_edit_or_read_comments_of_another_review(client, world):
    comment = post_comment(general(world), author=world.expert, body="Confidential")
    client.force_login(world.stranger)

    post = client.post(
        reverse("reviews:post_comment", kwargs={"pk": world.review.pk}), {"body": "x", "visibility": "all"}
    )
    edit = client.post(
        reverse("reviews:edit_comment", kwargs={"pk": world.review.pk, "comment_pk": comment.pk}), {"body": "x"}
    )
    own_review_other_comment = client.post(
        reverse("reviews:edit_comment", kwargs={"pk": world.other_review.pk, "comment_pk": comment.pk}), {"body": "x"}
    )
    catch_up = client.get(reverse("reviews:catch_up", kwargs={"pk": world.review.pk}), {"after": 0})

    assert (post.status_code, edit.status_code, own_review_other_comment.status_code, catch_up.status_code) == (
        404,
        404,
        404,
        404,
    )


def test_catch_up_over_http_returns_only_what_the_person_may_read(client, world):
    first = post_comment(general(world), author=world.expert, body="One")
    post_comment(general(world, ThreadVisibility.REVIEWING), author=world.reviewing_expert, body="Reviewers")
    third = post_comment(general(world), author=world.reviewing_expert, body="Three")
    client.force_login(world.focal_point)

    response = client.get(reverse("reviews:catch_up", kwargs={"pk": world.review.pk}), {"after": first.change_seq})

    assert [item["id"] for item in response.json()["events"]] == [third.pk]


def test_comments_after_says_more_over_the_limit_and_continues_from_the_cursor(world):
    posted = [post_comment(general(world), author=world.expert, body=f"Comment {index}") for index in range(3)]
    edit_comment(posted[0], editor=world.expert, body="Edited last")
    resolve_thread(general(world), by=world.focal_point)

    first = selectors.comments_after(world.focal_point, world.review, 0, limit=2)
    second = selectors.comments_after(world.focal_point, world.review, first.cursor, limit=2)
    third = selectors.comments_after(world.focal_point, world.review, second.cursor, limit=2)

    assert ([change.pk for change in first.changes], first.more) == ([posted[1].pk, posted[2].pk], True)
    assert ([change.pk for change in second.changes], second.more) == ([posted[0].pk, general(world).pk], False)
    assert (third.changes, third.more, third.cursor) == ([], False, second.cursor)


def test_every_change_of_the_dialogue_takes_the_next_number_of_its_review(world):
    thread = general(world)
    request = post_comment(thread, author=world.reviewing_expert, body="Please explain", kind=CommentKind.CLARIFICATION)
    reply = post_comment(thread, author=world.focal_point, body="Here it is", parent=request)
    edit_comment(reply, editor=world.focal_point, body="Here it is, better")
    resolve_thread(thread, by=world.focal_point)
    other_thread = get_or_create_thread(world.other_review, question=None, visibility=ThreadVisibility.ALL)
    elsewhere = post_comment(other_thread, author=world.stranger, body="Other review")

    request.refresh_from_db()
    thread.refresh_from_db()
    assert (request.change_seq, reply.change_seq, thread.change_seq, elsewhere.change_seq) == (2, 4, 5, 1)


@pytest.mark.parametrize("count", [1, 5])
def test_discussion_page_query_count_does_not_grow_with_comments(client, world, django_assert_num_queries, count):
    thread = general(world)
    for index in range(count):
        parent = post_comment(thread, author=world.expert, body=f"Comment {index}")
        post_comment(thread, author=world.reviewing_expert, body=f"Reply {index}", parent=parent)
    client.force_login(world.focal_point)

    with django_assert_num_queries(13):
        response = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk}))

    assert response.content.decode().count('class="comment"') == 2 * count


def test_own_comments_offer_edit_and_delete_at_their_own_address(client, world):
    mine = post_comment(general(world), author=world.expert, body="Mine")
    theirs = post_comment(general(world), author=world.reviewing_expert, body="Theirs")
    client.force_login(world.expert)

    page = client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk})).content.decode()

    assert f'action="/en/reviews/{world.review.pk}/comments/{mine.pk}/edit/"' in page
    assert f'action="/en/reviews/{world.review.pk}/comments/{mine.pk}/delete/"' in page
    assert f"/comments/{theirs.pk}/edit/" not in page


@pytest.mark.parametrize("who", ["reviewing_expert", "observer", "stranger", "anonymous"])
def test_only_its_author_deletes_a_comment_through_the_page(client, world, who):
    comment = post_comment(general(world), author=world.expert, body="Mine")
    if who != "anonymous":
        client.force_login(getattr(world, who))

    response = client.post(reverse("reviews:delete_comment", kwargs={"pk": world.review.pk, "comment_pk": comment.pk}))

    comment.refresh_from_db()
    assert comment.deleted_at is None
    assert response.status_code == (404 if who == "stranger" else 302)
    if who == "anonymous":
        assert response["Location"].startswith("/en/accounts/sign-in/")


@pytest.mark.parametrize(
    ("who", "visibility"),
    [
        ("observer", ThreadVisibility.ALL),  # reads, may not act
        ("expert", ThreadVisibility.REVIEWING),  # the reviewed side never sees the reviewing side's thread
        ("stranger", ThreadVisibility.ALL),
        ("anonymous", ThreadVisibility.ALL),
    ],
)
def test_who_may_not_resolve_a_thread(client, world, who, visibility):
    thread = general(world, visibility)
    post_comment(thread, author=world.reviewing_expert, body="Open question")
    if who != "anonymous":
        client.force_login(getattr(world, who))

    response = client.post(reverse("reviews:resolve_thread", kwargs={"pk": world.review.pk, "thread_pk": thread.pk}))

    thread.refresh_from_db()
    assert not thread.is_resolved
    hidden = who == "stranger" or visibility == ThreadVisibility.REVIEWING
    assert response.status_code == (404 if hidden else 302)


@pytest.mark.parametrize("who", ["stranger", "anonymous"])
def test_mention_candidates_are_only_for_participants(client, world, who):
    if who != "anonymous":
        client.force_login(world.stranger)

    response = client.get(reverse("reviews:mention_candidates", kwargs={"pk": world.review.pk}), {"q": "a"})

    assert response.status_code == (404 if who == "stranger" else 302)
    assert world.expert.full_name not in response.content.decode()


@pytest.fixture
def _channel_layer_down(settings, world):
    """Once the world is set up, a channel layer whose Redis does not answer (nothing listens on port 1)."""
    settings.CHANNEL_LAYERS = {"default": redis_channel_layer("redis://127.0.0.1:1/0")}


def publishing_warnings(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "revmod.core.realtime"]


def failed_publishing(group: str) -> str:
    return f"Publishing to {group} failed (ConnectionError); pages catch up from the database"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # events are sent after a real commit
@pytest.mark.usefixtures("_channel_layer_down")
def test_comment_post_with_the_channel_layer_down_is_saved_once_logged_and_published_again_by_the_retry(
    client, world, caplog
):
    client.force_login(world.expert)
    attempt = {"body": "Stored once", "visibility": "all", "idempotency_key": "attempt-0001"}
    url = reverse("reviews:post_comment", kwargs={"pk": world.review.pk})

    first = client.post(url, attempt, headers={"X-Requested-With": "fetch"})
    retry = client.post(url, attempt, headers={"X-Requested-With": "fetch"})

    stored = Comment.objects.get(thread__review=world.review)
    assert (first.status_code, retry.status_code) == (201, 201)
    assert first.json()["id"] == retry.json()["id"] == stored.pk
    # The retry publishes the stored comment again: the first attempt may have died before it did.
    assert publishing_warnings(caplog) == [failed_publishing(f"review.{world.review.pk}.general.all")] * 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # events are sent after a real commit
@pytest.mark.usefixtures("_channel_layer_down")
def test_answer_save_with_the_channel_layer_down_is_saved_logged_and_not_repeated_on_retry(client, world, caplog):
    question = world.questionnaire.questions.get(number="2")
    client.force_login(world.focal_point)
    attempt = {f"q{question.pk}": "Our law covers it.", f"q{question.pk}-rev": "0"}
    url = reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": question.pk})

    first = client.post(url, attempt, headers={"Idempotency-Key": "attempt-0002"})
    retry = client.post(url, attempt, headers={"Idempotency-Key": "attempt-0002"})

    assert (first.status_code, retry.status_code) == (200, 200)
    assert first.json() == retry.json()
    assert (first.json()["status"], first.json()["revision"], first.json()["message"]) == ("saved", 1, "Saved")
    assert AnswerRevision.objects.filter(answer__question=question).count() == 1
    assert publishing_warnings(caplog) == [
        failed_publishing(f"review.{world.review.pk}.questions.{audience}") for audience in ("all", "state")
    ]


def test_answer_retry_after_someone_else_saved_is_a_conflict_not_a_second_save(client, world):
    question = world.questionnaire.questions.get(number="2")
    client.force_login(world.focal_point)
    attempt = {f"q{question.pk}": "Ours", f"q{question.pk}-rev": "0"}
    url = reverse("reviews:save_answer", kwargs={"pk": world.review.pk, "question_pk": question.pk})
    client.post(url, attempt, headers={"Idempotency-Key": "attempt-0003"})
    save_answer(world.review, question, value="The expert's, later", base_revision=1, user=world.expert)

    retry = client.post(url, attempt, headers={"Idempotency-Key": "attempt-0003"})

    assert (retry.status_code, retry.json()["theirs"]) == (409, "The expert's, later")
    assert AnswerRevision.objects.filter(answer__question=question).count() == 2


def test_api_comment_post_with_the_same_idempotency_key_stores_one_comment(world):
    api = APIClient()
    api.force_authenticate(world.expert)
    url = f"/api/v1/reviews/{world.review.pk}/comments/"
    attempt = {"body": "Once through the API", "visibility": "all"}

    first = api.post(url, attempt, format="json", headers={"Idempotency-Key": "attempt-0004"})
    retry = api.post(url, attempt, format="json", headers={"Idempotency-Key": "attempt-0004"})
    other = api.post(url, attempt, format="json", headers={"Idempotency-Key": "attempt-0005"})

    assert (first.status_code, retry.status_code, other.status_code) == (201, 201, 201)
    assert first.json()["id"] == retry.json()["id"] != other.json()["id"]
    assert Comment.objects.filter(thread__review=world.review).count() == 2


async def _receive_within(layer, channel: str, seconds: float) -> dict:
    return await asyncio.wait_for(layer.receive(channel), seconds)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # events are sent after a real commit
def test_a_retried_comment_post_publishes_the_stored_comment_again_for_pages_that_missed_it(client, world):
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(f"review.{world.review.pk}.general.all", channel)
    client.force_login(world.expert)
    attempt = {"body": "Posted before the worker died", "visibility": "all", "idempotency_key": "attempt-0006"}
    url = reverse("reviews:post_comment", kwargs={"pk": world.review.pk})

    client.post(url, attempt, headers={"X-Requested-With": "fetch"})
    client.post(url, attempt, headers={"X-Requested-With": "fetch"})
    events = [async_to_sync(_receive_within)(layer, channel, 2)["payload"] for _ in range(2)]

    stored = Comment.objects.get(thread__review=world.review)
    assert [(event["type"], event["id"]) for event in events] == [("comment.created", stored.pk)] * 2
    assert events[0]["seq"] == events[1]["seq"]  # the same event: a page that has it ignores it
