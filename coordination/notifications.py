"""Who in a State under review hears of the questions given to them, and of their internal due dates."""

from __future__ import annotations

from reviews.models import CountryReview, Section
from reviews.notifications import english_url, review_data
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import notify


def section_url(review: CountryReview, section: Section) -> str:
    """Where the person answers: the section's page (it shows the read page to those who may not answer now)."""
    return english_url(
        "reviews:answer_section", pk=review.pk, questionnaire_pk=section.questionnaire_id, section=section.order
    )


def questions_assigned(review: CountryReview, *, assignee, section: Section, count: int, due_on, by) -> None:
    notify(
        [assignee],
        NotificationKind.QUESTIONS_ASSIGNED,
        url=section_url(review, section),
        review_id=review.pk,
        data=review_data(review, person=by.full_name, count=count, due=due_on.isoformat() if due_on else ""),
    )


def assignment_due(review: CountryReview, *, assignee, section: Section, count: int, due_on, days: int, key: str):
    """A reminder of an internal due date in ``days`` (0 today, below 0 past), sent once per ``key``."""
    return notify(
        [assignee],
        NotificationKind.ASSIGNMENT_DUE,
        url=section_url(review, section),
        review_id=review.pk,
        data=review_data(review, count=count, due=due_on.isoformat(), days=days),
        key=key,
    )
