"""Real-time events of a review, sent to the open pages after the database commit.

Each review has a group per audience: visibility (all participants, or the reviewing
side only) times place (general threads, or threads on questions). An event goes to the
one group of its thread; a socket joins only the groups its user may read, so nothing
reaches a page that may not show it.
"""

from __future__ import annotations

from django.db import transaction

from reviews.enums import ThreadVisibility
from revmod.core.realtime import group_send


def review_group(review_id: int, visibility: str, *, on_questions: bool = False) -> str:
    """The group of one audience of a review: threads of one visibility, general or on questions.

    Threads on questions get their own groups because the reviewing side may not read
    them (nor the answers) before the questionnaire is submitted.
    """
    place = "questions" if on_questions else "general"
    return f"review.{review_id}.{place}.{ThreadVisibility(visibility).value}"


def presence_group(review_id: int, *, whole_review: bool) -> str:
    """Who is viewing the review: everyone for those who read its dialogue, else only the State's own people.

    A national contributor reads only the State-internal discussion, and never learns who of the
    reviewing side has the review open.
    """
    return f"review.{review_id}.presence.{'all' if whole_review else 'state'}"


def review_message(group: str, payload: dict) -> dict:
    """The channel-layer message of an event; it names its group, so a socket that left it drops it."""
    return {"type": "review.event", "group": group, "payload": payload}


def send_now(group: str, payload: dict) -> None:
    group_send(group, review_message(group, payload))


def publish(group: str, payload: dict) -> None:
    """Send ``payload`` (a JSON dict with a ``type``) to ``group`` once the transaction commits."""
    transaction.on_commit(lambda: send_now(group, payload))


def publish_to_thread(thread, payload: dict) -> None:
    publish(review_group(thread.review_id, thread.visibility, on_questions=thread.question_id is not None), payload)
