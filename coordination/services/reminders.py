"""Reminders of the internal due dates a focal point set: two days before, on the day, and once late."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.utils import timezone

from coordination import notifications
from coordination.models import Assignment
from coordination.selectors import OPEN_STATUSES, held_in
from reviews.enums import Step
from reviews.models import CountryReview, Section

DAYS_BEFORE = 2


def send_assignment_reminders(*, now: dt.datetime) -> int:
    """Remind each person of the questions they hold that are due in two days, today, or late; return how many.

    Only questions still to be drafted count (a ready or cleared answer waits on the focal point),
    and finalized reviews are left alone. Each reminder is sent once per due date: the notification's
    key stops a second one before the date, ``reminded_for`` stops a late one from coming every day.
    """
    today = timezone.localdate(now)
    not_reminded_late = Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_on"))
    due = (
        Assignment.objects.exclude(review__step=Step.FINALIZED)
        .filter(Q(due_on__in=[today + dt.timedelta(days=DAYS_BEFORE), today]) | Q(due_on__lt=today) & not_reminded_late)
        .select_related("assignee", "section", "question__section")
    )
    by_review: dict[int, list[Assignment]] = {}
    for assignment in due:
        by_review.setdefault(assignment.review_id, []).append(assignment)
    sent = 0
    for review in CountryReview.objects.filter(pk__in=list(by_review)).select_related("state"):
        sent += _remind(review, by_review[review.pk], today=today)
    return sent


def _remind(review: CountryReview, assignments: list[Assignment], *, today: dt.date) -> int:
    open_counts = dict(
        held_in(review)
        .filter(held_by__in=[assignment.pk for assignment in assignments], answer_status__in=OPEN_STATUSES)
        .values("held_by")
        .annotate(count=Count("pk"))
        .values_list("held_by", "count")
    )
    grouped: dict[tuple[int, dt.date], list[Assignment]] = {}
    for assignment in assignments:
        if open_counts.get(assignment.pk) and assignment.due_on is not None:
            grouped.setdefault((assignment.assignee_id, assignment.due_on), []).append(assignment)
    sent = 0
    for (_assignee_id, due_on), held in grouped.items():
        days = (due_on - today).days
        stage = "late" if days < 0 else str(days)
        first = held[0]
        sent += len(
            notifications.assignment_due(
                review,
                assignee=first.assignee,
                section=_section_of(first),
                count=sum(open_counts[assignment.pk] for assignment in held),
                due_on=due_on,
                days=days,
                key=f"assignment-due:{review.pk}:{due_on:%Y%m%d}:{stage}",
            )
        )
    late = [assignment.pk for (_person, due_on), held in grouped.items() if due_on < today for assignment in held]
    Assignment.objects.filter(pk__in=late).update(reminded_for=F("due_on"))
    return sent


def _section_of(assignment: Assignment) -> Section:
    """Where the reminder leads: the assigned section, or the section of the assigned question."""
    if assignment.section is not None:
        return assignment.section
    assert assignment.question is not None  # the model's constraint: a section or a question
    return assignment.question.section
