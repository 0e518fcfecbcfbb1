"""Reads of national coordination: who drafts which question of a review."""

from __future__ import annotations

from django.db.models import QuerySet

from coordination.models import Assignment
from reviews.enums import ParticipantRole
from reviews.models import CountryReview, Participant, Question


def assignments_of(review: CountryReview) -> QuerySet[Assignment]:
    return Assignment.objects.filter(review=review).select_related("assignee", "section", "question", "assigned_by")


def assignment_by_question(review: CountryReview, questions: list[Question]) -> dict[int, Assignment]:
    """The assignment that holds for each question, in one query: its own, else its section's."""
    by_section: dict[int, Assignment] = {}
    by_question: dict[int, Assignment] = {}
    for assignment in assignments_of(review):
        if assignment.question_id is not None:
            by_question[assignment.question_id] = assignment
        elif assignment.section_id is not None:
            by_section[assignment.section_id] = assignment
    held: dict[int, Assignment] = {}
    for question in questions:
        own = by_question.get(question.pk) or by_section.get(question.section_id)
        if own is not None:
            held[question.pk] = own
    return held


def questions_assigned_to(review: CountryReview, user, questions: list[Question]) -> list[Question]:
    """Those of ``questions`` that ``user`` is responsible for drafting, in their order."""
    held = assignment_by_question(review, questions)
    return [question for question in questions if question.pk in held and held[question.pk].assignee_id == user.pk]


def contributors_of(review: CountryReview) -> QuerySet[Participant]:
    """The review's national contributors taking part now, with their accounts."""
    return (
        Participant.objects.filter(review=review, role=ParticipantRole.CONTRIBUTOR, is_active=True)
        .select_related("user", "added_by")
        .order_by("user__full_name", "pk")
    )
