"""The one gate on threads and comments: who reads which, on every path that shows them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews import permissions, selectors
from reviews.enums import CommentKind, ThreadVisibility
from reviews.services import get_or_create_thread, post_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_clarification(world):
    """While the questionnaire is a draft, the secretariat asks for clarification on question 1."""
    question = world.questionnaire.questions.get(number="1")
    thread = get_or_create_thread(world.review, question=question, visibility=ThreadVisibility.ALL)
    return post_comment(thread, author=world.secretariat, body="Which law?", kind=CommentKind.CLARIFICATION)


def test_open_clarifications_on_a_draft_question_are_not_listed_to_the_reviewing_side(world, draft_clarification):
    reviewing = list(selectors.open_clarifications(world.reviewing_expert, world.review))
    reviewed = list(selectors.open_clarifications(world.focal_point, world.review))

    assert reviewing == []
    assert reviewed == [draft_clarification]


def test_review_page_does_not_name_a_clarification_on_a_question_the_reviewer_may_not_open(
    client, world, draft_clarification
):
    client.force_login(world.reviewing_expert)

    body = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()

    assert f"#comment-{draft_clarification.pk}" not in body
    assert "request for clarification is waiting" not in body


def test_review_page_lists_the_clarification_to_the_reviewed_side(client, world, draft_clarification):
    client.force_login(world.focal_point)

    body = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()

    assert f"#comment-{draft_clarification.pk}" in body


@pytest.mark.parametrize(
    ("visibility", "on_question"),
    [(ThreadVisibility.ALL, False), (ThreadVisibility.REVIEWING, False), (ThreadVisibility.ALL, True)],
)
def test_thread_reader_ids_agree_with_can_view_thread_for_everyone(world, visibility, on_question):
    question = world.questionnaire.questions.get(number="1") if on_question else None
    thread = get_or_create_thread(world.review, question=question, visibility=visibility)
    people = [
        world.secretariat,
        world.focal_point,
        world.expert,
        world.reviewing_expert,
        world.reviewing_focal_point,
        world.observer,
        world.stranger,
        world.nobody,
    ]

    readers = permissions.thread_reader_ids(thread, [person.pk for person in people])

    assert readers == {person.pk for person in people if permissions.can_view_thread(person, thread)}


def test_thread_reader_ids_is_one_query_for_many_people(world, django_assert_num_queries):
    thread = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.REVIEWING)
    people = [world.focal_point.pk, world.expert.pk, world.reviewing_expert.pk, world.observer.pk]

    with django_assert_num_queries(1):
        readers = permissions.thread_reader_ids(thread, people)

    assert readers == {world.reviewing_expert.pk, world.observer.pk}


def test_a_thread_the_user_may_not_read_answers_404_on_resolve(client, world):
    thread = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.REVIEWING)
    client.force_login(world.focal_point)

    response = client.post(reverse("reviews:resolve_thread", kwargs={"pk": world.review.pk, "thread_pk": thread.pk}))

    thread.refresh_from_db()
    assert response.status_code == 404
    assert thread.is_resolved is False
