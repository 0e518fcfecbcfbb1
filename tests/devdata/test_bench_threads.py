"""The benchmark's generated long thread: made once, beside the scale data's, never on the measured review."""

from __future__ import annotations

import pytest

from devdata.management.commands.bench import LONG_THREAD_COMMENTS, Command
from reviews.enums import ThreadVisibility
from reviews.models import Comment
from reviews.services import get_or_create_thread

pytestmark = pytest.mark.django_db


def test_the_long_thread_is_made_once_on_another_review(world):
    cycle = world.other_review.cycle
    cycle.title = "Scale 2026"
    cycle.save(update_fields=["title"])
    question = world.other_review.questionnaires.get().questions.order_by("order")[0]
    get_or_create_thread(world.other_review, question=question, visibility=ThreadVisibility.ALL)
    get_or_create_thread(world.review, question=question, visibility=ThreadVisibility.ALL)

    first = Command().long_thread(excluding=world.review)
    again = Command().long_thread(excluding=world.review)

    comments = Comment.objects.filter(thread=first)
    assert (first.pk, first.review_id, first.question_id is not None) == (again.pk, world.other_review.pk, True)
    assert (comments.count(), comments.filter(parent__isnull=False).count()) == (
        LONG_THREAD_COMMENTS,
        LONG_THREAD_COMMENTS // 5,
    )
