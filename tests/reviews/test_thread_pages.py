"""Long threads: the latest comments first, earlier ones on demand, deep links, the rendered-comment cache."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from reviews import selectors
from reviews.enums import CommentKind, ThreadVisibility
from reviews.markup import render_comment
from reviews.models import Comment
from reviews.services import delete_comment, edit_comment, get_or_create_thread, post_comment, resolve_thread
from revmod.notifications.models import Notification

pytestmark = pytest.mark.django_db

BATCH = selectors.THREAD_BATCH


def general(world, visibility=ThreadVisibility.ALL):
    return get_or_create_thread(world.review, question=None, visibility=visibility)


def many_comments(thread, author, count: int, *, replies_every: int = 0) -> list[Comment]:
    """``count`` top-level comments, oldest first, straight into the database (and a reply every ``replies_every``)."""
    top = Comment.objects.bulk_create(
        [
            Comment(thread=thread, author=author, body=f"Comment {index}", body_html=render_comment(f"Comment {index}"))
            for index in range(count)
        ]
    )
    if replies_every:
        Comment.objects.bulk_create(
            [
                Comment(thread=thread, author=author, parent=parent, body="A reply", body_html="<p>A reply</p>")
                for parent in top[::replies_every]
            ]
        )
    return top


def shown_ids(html: str) -> list[int]:
    return [int(number) for number in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)]


def comments_part(html: str) -> str:
    """The page without its <template>s (the controls of comments that arrive live)."""
    return re.sub(r"<template.*?</template>", "", html, flags=re.DOTALL)


def page(client, world, **params):
    return client.get(reverse("reviews:discussion", kwargs={"pk": world.review.pk}), params)


def earlier(client, world, thread, **params):
    url = reverse("reviews:earlier_comments", kwargs={"pk": world.review.pk, "thread_pk": thread.pk})
    return client.get(url, params)


def test_the_page_shows_the_latest_comments_and_links_to_the_earlier_ones(client, world):
    top = many_comments(general(world), world.expert, BATCH + 20)
    client.force_login(world.focal_point)

    html = page(client, world).content.decode()

    assert shown_ids(html) == [comment.pk for comment in top[20:]]
    assert f'href="/en/reviews/{world.review.pk}/discussion/?before={top[20].pk}#thread-all"' in html
    assert "Show all comments" in html
    assert "Later comments" not in html


def test_a_short_thread_offers_no_earlier_comments(client, world):
    top = many_comments(general(world), world.expert, BATCH)
    client.force_login(world.focal_point)

    html = page(client, world).content.decode()

    assert (shown_ids(html), "Earlier comments" in html) == ([comment.pk for comment in top], False)


def test_without_javascript_the_earlier_link_opens_the_page_on_the_previous_comments(client, world):
    top = many_comments(general(world), world.expert, 2 * BATCH + 5)
    client.force_login(world.focal_point)

    html = page(client, world, before=top[BATCH + 5].pk).content.decode()

    assert shown_ids(html) == [comment.pk for comment in top[5 : BATCH + 5]]
    assert f"?before={top[5].pk}#thread-all" in html
    assert f"?comment={top[BATCH + 5].pk}#comment-{top[BATCH + 5].pk}" in html  # later comments
    assert "data-partial" in html


def test_show_all_shows_every_comment_with_its_replies(client, world):
    top = many_comments(general(world), world.expert, BATCH + 30, replies_every=10)
    client.force_login(world.focal_point)

    html = page(client, world, all="1").content.decode()

    assert (len(shown_ids(html)), "Earlier comments" in html) == (BATCH + 30 + 8, False)
    assert shown_ids(html)[:2] == [top[0].pk, Comment.objects.get(parent=top[0]).pk]


def test_the_fragment_holds_the_previous_batch_and_the_next_cursor(client, world):
    thread = general(world)
    top = many_comments(thread, world.expert, 2 * BATCH + 5, replies_every=BATCH)
    client.force_login(world.reviewing_expert)

    response = earlier(client, world, thread, before=top[BATCH + 5].pk)
    html = response.content.decode()

    assert response.status_code == 200
    assert [pk for pk in shown_ids(html) if pk in {c.pk for c in top}] == [c.pk for c in top[5 : BATCH + 5]]
    assert f'data-earlier="{top[5].pk}"' in html
    assert 'data-announce="50 earlier comments loaded"' in html
    assert "<html" not in html


def test_the_fragment_of_the_first_comments_has_no_cursor_and_all_loads_every_earlier_one(client, world):
    thread = general(world)
    top = many_comments(thread, world.expert, 3 * BATCH)
    client.force_login(world.focal_point)

    first = earlier(client, world, thread, before=top[3].pk).content.decode()
    every = earlier(client, world, thread, before=top[-1].pk, all="1").content.decode()

    assert (shown_ids(first), "data-earlier=" in first) == ([c.pk for c in top[:3]], False)
    assert 'data-announce="3 earlier comments loaded"' in first
    assert (len(shown_ids(every)), "data-earlier=" in every) == (3 * BATCH - 1, False)


def test_the_fragment_speaks_the_readers_language(client, world):
    thread = general(world)
    top = many_comments(thread, world.expert, 3)
    client.force_login(world.focal_point)

    html = client.get(f"/fr/reviews/{world.review.pk}/threads/{thread.pk}/earlier/", {"before": top[2].pk})

    assert "<summary>Répondre</summary>" in html.content.decode()
    assert f'action="/fr/reviews/{world.review.pk}/comments/"' in html.content.decode()


@pytest.mark.parametrize(
    ("visibility", "person", "expected"),
    [
        ("all", "focal_point", 200),
        ("all", "reviewing_expert", 200),
        ("all", "observer", 200),
        ("all", "secretariat", 200),
        ("all", "stranger", 404),
        ("all", "contributor", 404),
        ("all", "other_contributor", 404),
        ("all", "stakeholder", 404),
        ("all", "nobody", 404),
        ("all", "anonymous", 302),
        ("reviewing", "reviewing_expert", 200),
        ("reviewing", "reviewing_focal_point", 200),
        ("reviewing", "focal_point", 404),
        ("reviewing", "expert", 404),
        ("reviewing", "contributor", 404),
        ("reviewing", "stranger", 404),
        ("reviewing", "stakeholder", 404),
        ("state", "contributor", 200),
        ("state", "focal_point", 200),
        ("state", "reviewing_expert", 404),
        ("state", "observer", 404),
        ("state", "other_contributor", 404),
        ("state", "stranger", 404),
    ],
)
def test_the_fragment_follows_the_threads_visibility(client, world, visibility, person, expected):
    thread = general(world, ThreadVisibility(visibility))
    top = many_comments(thread, world.secretariat, 3)
    if person != "anonymous":
        client.force_login(getattr(world, person))

    response = earlier(client, world, thread, before=top[2].pk)

    assert response.status_code == expected
    if expected != 200:
        assert b"Comment 0" not in response.content


def test_the_fragment_of_a_question_thread_is_closed_before_the_answers_are_readable(client, world):
    question = world.questionnaire.questions.get(number="2")
    thread = get_or_create_thread(world.review, question=question, visibility=ThreadVisibility.ALL)
    top = many_comments(thread, world.focal_point, 3)
    client.force_login(world.reviewing_expert)

    response = earlier(client, world, thread, before=top[2].pk)

    assert response.status_code == 404


def test_a_cursor_from_another_thread_or_review_is_not_found(client, world):
    thread = general(world)
    many_comments(thread, world.expert, 3)
    reviewing = many_comments(general(world, ThreadVisibility.REVIEWING), world.reviewing_expert, 3)
    other = get_or_create_thread(world.other_review, question=None, visibility=ThreadVisibility.ALL)
    elsewhere = many_comments(other, world.stranger, 3)
    client.force_login(world.reviewing_expert)

    responses = [
        earlier(client, world, thread, before=reviewing[2].pk),
        earlier(client, world, thread, before=elsewhere[2].pk),
        earlier(client, world, thread, before="x"),
        earlier(client, world, thread),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]


def test_a_cursor_the_reader_may_not_see_opens_the_latest_comments_and_reveals_nothing(client, world):
    top = many_comments(general(world), world.expert, BATCH + 5)
    hidden = many_comments(general(world, ThreadVisibility.REVIEWING), world.reviewing_expert, BATCH + 5)
    client.force_login(world.focal_point)

    for params in ({"before": hidden[-1].pk}, {"comment": hidden[0].pk}):
        html = page(client, world, **params).content.decode()

        assert shown_ids(html) == [comment.pk for comment in top[5:]]
        assert "data-partial" not in html


def test_a_link_to_an_old_comment_opens_the_run_that_holds_it(client, world):
    top = many_comments(general(world), world.expert, 3 * BATCH, replies_every=7)
    reply = Comment.objects.filter(parent=top[7]).get()
    client.force_login(world.focal_point)

    by_comment = page(client, world, comment=top[3].pk).content.decode()
    by_reply = page(client, world, comment=reply.pk).content.decode()
    recent = page(client, world, comment=top[-3].pk).content.decode()

    assert [pk for pk in shown_ids(by_comment) if pk in {c.pk for c in top}] == [c.pk for c in top[3 : BATCH + 3]]
    assert f"?before={top[3].pk}#thread-all" in by_comment
    assert f"?comment={top[BATCH + 3].pk}#comment-{top[BATCH + 3].pk}" in by_comment
    assert f'id="comment-{reply.pk}"' in by_reply
    assert (top[-1].pk in shown_ids(recent), top[-BATCH - 1].pk in shown_ids(recent)) == (True, False)
    assert "data-partial" not in recent


def test_every_link_to_a_comment_names_it_for_the_server(client, world):
    thread = general(world)
    many_comments(thread, world.expert, BATCH + 5)
    request = post_comment(thread, author=world.reviewing_expert, body="Please explain", kind=CommentKind.CLARIFICATION)
    client.force_login(world.focal_point)
    mention = post_comment(thread, author=world.expert, body=f"Thanks @[{world.focal_point.full_name}]")
    for _ in range(BATCH):
        post_comment(thread, author=world.expert, body="More")

    review_page = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()
    discussion = page(client, world).content.decode()
    notification = Notification.objects.get(user=world.focal_point, url__contains=f"comment-{mention.pk}")
    edited = client.post(
        reverse("reviews:edit_comment", kwargs={"pk": world.review.pk, "comment_pk": mention.pk}), {"body": "Edited"}
    )
    opened = page(client, world, comment=mention.pk).content.decode()

    assert f"?comment={request.pk}#comment-{request.pk}" in review_page
    assert f"?comment={request.pk}#comment-{request.pk}" in discussion
    assert notification.url.endswith(f"/discussion/?comment={mention.pk}#comment-{mention.pk}")
    assert edited["Location"].endswith(f"/discussion/?comment={mention.pk}#comment-{mention.pk}")
    assert f'id="comment-{mention.pk}"' in opened


@pytest.mark.parametrize("count", [60, 600])
def test_the_first_view_costs_the_same_queries_at_any_length(client, world, django_assert_num_queries, count):
    many_comments(general(world), world.expert, count, replies_every=5)
    many_comments(general(world, ThreadVisibility.REVIEWING), world.reviewing_expert, count, replies_every=5)
    client.force_login(world.reviewing_expert)
    page(client, world)  # the session and permissions warmed, as for a reader coming back
    cache.clear()

    with django_assert_num_queries(12):
        response = page(client, world)

    assert len(shown_ids(response.content.decode())) == 2 * (BATCH + BATCH // 5)


@pytest.mark.parametrize("count", [60, 600])
def test_the_earlier_fragment_costs_the_same_queries_at_any_length(client, world, django_assert_num_queries, count):
    thread = general(world)
    top = many_comments(thread, world.expert, count, replies_every=5)
    client.force_login(world.focal_point)
    page(client, world)

    with django_assert_num_queries(8):
        response = earlier(client, world, thread, before=top[-1].pk)

    assert len(shown_ids(response.content.decode())) == BATCH + BATCH // 5


def test_a_cached_comment_shows_its_edit_its_deletion_and_its_answer(client, world):
    thread = general(world)
    request = post_comment(thread, author=world.reviewing_expert, body="Please explain", kind=CommentKind.CLARIFICATION)
    kept = post_comment(thread, author=world.expert, body="First words")
    gone = post_comment(thread, author=world.expert, body="Soon deleted")
    client.force_login(world.observer)
    before = page(client, world).content.decode()

    edit_comment(kept, editor=world.expert, body="Second words")
    delete_comment(gone, by=world.expert)
    post_comment(thread, author=world.focal_point, body="Here it is", parent=request)
    after = page(client, world).content.decode()

    assert ("First words" in before, "Soon deleted" in before, "answered" in before) == (True, True, False)
    assert "First words" not in after
    assert "Second words" in after
    assert "Soon deleted" not in after
    assert after.count(">Comment deleted</p>") == 1
    assert ">answered</span>" in after


def test_resolving_removes_the_reply_boxes_of_cached_comments(client, world):
    thread = general(world)
    post_comment(thread, author=world.expert, body="Open question")
    client.force_login(world.focal_point)
    before = page(client, world).content.decode()

    resolve_thread(thread, by=world.focal_point)
    after = page(client, world).content.decode()

    replies = [comments_part(html).count('data-control="reply"') for html in (before, after)]
    assert replies == [1, 0]


def test_each_reader_gets_their_own_controls_on_the_same_cached_comments(client, world):
    thread = general(world)
    mine = post_comment(thread, author=world.expert, body="<script>alert(1)</script> & more")
    theirs = post_comment(thread, author=world.focal_point, body="Theirs")
    client.force_login(world.expert)
    author_view = page(client, world).content.decode()
    client.force_login(world.secretariat)
    moderator_view = page(client, world).content.decode()
    client.force_login(world.observer)
    observer_view = page(client, world).content.decode()

    edit = reverse("reviews:edit_comment", kwargs={"pk": world.review.pk, "comment_pk": mine.pk})
    delete = reverse("reviews:delete_comment", kwargs={"pk": world.review.pk, "comment_pk": theirs.pk})
    assert f'action="{edit}"' in author_view
    assert ">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</textarea>" in author_view
    assert "<script>alert(1)" not in author_view
    assert comments_part(author_view).count('data-control="edit"') == 1
    assert f'action="{delete}"' in moderator_view
    assert 'data-control="edit"' not in comments_part(moderator_view)
    assert ('data-control="delete"' in observer_view, 'data-control="reply"' in observer_view) == (False, False)


def test_a_cached_comment_is_kept_per_language(client, world):
    post_comment(general(world), author=world.reviewing_expert, body="Please explain", kind=CommentKind.CLARIFICATION)
    client.force_login(world.focal_point)

    english = client.get(f"/en/reviews/{world.review.pk}/discussion/").content.decode()
    french = client.get(f"/fr/reviews/{world.review.pk}/discussion/").content.decode()

    assert '<span class="badge">Request for clarification</span>' in english
    assert '<span class="badge">Demande d\u2019éclaircissements</span>' in french
