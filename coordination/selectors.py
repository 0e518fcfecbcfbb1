"""Reads of national coordination: who drafts which question of a review, and how far they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from coordination.models import Assignment
from coordination.permissions import ASSIGNABLE_ROLES
from reviews.enums import AnswerStatus, ParticipantRole, Side
from reviews.models import Answer, CountryReview, Participant, Question, Section
from reviews.selectors import unasked_questions

# Still to be done by the person who holds the question: a ready or cleared answer waits on the focal point.
OPEN_STATUSES = (AnswerStatus.NOT_STARTED, AnswerStatus.DRAFTED)


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


# Questions annotated with in_review, held_by, assignee, due and answer_status: django-stubs cannot
# see annotations, so the rows are typed loosely.
HeldRows = Any


def held_questions(reviews: QuerySet[CountryReview]) -> HeldRows:
    """One row per question of each of ``reviews``, annotated in SQL with what coordination needs.

    ``in_review`` (the review's id), ``held_by`` (the assignment that holds: the question's own,
    else its section's), ``assignee`` and ``due`` (of that assignment, None when unassigned) and
    ``answer_status`` (not started when there is no answer yet). Follow-up questions that the
    answers so far do not ask are left out: nobody has to draft them. Group it with ``.values()``
    and aggregate: the counts of a 300-question review stay one query (and up to two to find
    the follow-ups not asked).
    """
    # Without their default ordering, whose joins would shadow the outer question's table.
    own = Assignment.objects.filter(review_id=OuterRef("in_review"), question_id=OuterRef("pk")).order_by()
    whole = Assignment.objects.filter(review_id=OuterRef("in_review"), section_id=OuterRef("section_id")).order_by()
    answer = Answer.objects.filter(review_id=OuterRef("in_review"), question_id=OuterRef("pk")).order_by()
    asked = Q()
    for review_id, question_ids in unasked_questions(reviews).items():
        if question_ids:
            asked &= ~Q(in_review=review_id) | ~Q(pk__in=question_ids)
    return (
        Question.objects.filter(questionnaire__reviews__in=reviews)
        .annotate(in_review=F("questionnaire__reviews"))
        .filter(asked)
        .annotate(
            held_by=Coalesce(Subquery(own.values("pk")[:1]), Subquery(whole.values("pk")[:1])),
            assignee=Coalesce(Subquery(own.values("assignee_id")[:1]), Subquery(whole.values("assignee_id")[:1])),
            due=Case(
                When(Exists(own), then=Subquery(own.values("due_on")[:1])),
                default=Subquery(whole.values("due_on")[:1]),
            ),
            answer_status=Coalesce(Subquery(answer.values("status")[:1]), Value(AnswerStatus.NOT_STARTED.value)),
        )
    )


def held_in(review: CountryReview) -> HeldRows:
    """``held_questions`` of one review."""
    return held_questions(CountryReview.objects.filter(pk=review.pk))


def overdue_condition(today: dt.date) -> Q:
    return Q(due__lt=today, answer_status__in=OPEN_STATUSES)


def progress_counts(today: dt.date) -> dict:
    """The aggregates of a progress row: questions held, by status, and those past their due date."""
    counts = {status.value: Count("pk", filter=Q(answer_status=status)) for status in AnswerStatus}
    return {
        "total": Count("pk"),
        **counts,
        "overdue": Count("pk", filter=overdue_condition(today)),
        "next_due": Min("due", filter=Q(answer_status__in=OPEN_STATUSES)),
    }


def assignable_people(review: CountryReview) -> QuerySet[Participant]:
    """Those of the State under review who may be given questions: the active people who answer."""
    return (
        Participant.objects.filter(review=review, side=Side.REVIEWED, is_active=True, role__in=ASSIGNABLE_ROLES)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def sections_of(review: CountryReview) -> QuerySet[Section]:
    return (
        Section.objects.filter(questionnaire__reviews=review)
        .select_related("questionnaire")
        .order_by("questionnaire_id", "order")
    )


@dataclass
class Progress:
    """One row of the coordination page: a person's or a section's questions, counted by status."""

    label: str
    total: int = 0
    not_started: int = 0
    drafted: int = 0
    ready: int = 0
    cleared: int = 0
    overdue: int = 0
    next_due: dt.date | None = None
    key: str = ""
    assignment: Assignment | None = None


@dataclass
class Coordination:
    people: list[Progress]
    sections: list[Progress]
    questions: list[dict]
    assignments: list[Assignment]
    candidates: list[Participant]
    all_sections: list[Section]
    names: dict[int, str] = field(default_factory=dict)


def _tally(questions: list[dict], key: str, today: dt.date) -> dict:
    """The questions grouped by ``key``, each group counted by status, lateness and next due date."""
    groups: dict = {}
    for question in questions:
        group = groups.setdefault(
            question[key], {"total": 0, **{status.value: 0 for status in AnswerStatus}, "overdue": 0, "next_due": None}
        )
        group["total"] += 1
        group[question["answer_status"]] += 1
        if question["answer_status"] in OPEN_STATUSES and question["due"]:
            group["overdue"] += question["due"] < today
            group["next_due"] = min(filter(None, (group["next_due"], question["due"])))
    return groups


def _progress(row: dict, label: str, **extra) -> Progress:
    counts = {status.value: row[status.value] for status in AnswerStatus}
    return Progress(label, row["total"], overdue=row["overdue"], next_due=row["next_due"], **counts, **extra)


def coordination(review: CountryReview, *, filters: dict, today: dt.date, unassigned: str) -> Coordination:
    """Everything the coordination page shows, in a few queries whatever the questionnaire's size.

    The questions are read once, with who holds each and its status; the progress per person
    and per section is counted from them. ``filters`` may hold ``person`` (a user id, or
    "none" for the unassigned questions), ``section`` (a section id), ``status`` and ``overdue``.
    """
    assignments = list(assignments_of(review))
    candidates = list(assignable_people(review))
    sections = list(sections_of(review))
    names = {participant.user_id: participant.user.full_name for participant in candidates}
    names |= {assignment.assignee_id: assignment.assignee.full_name for assignment in assignments}
    rows = _filtered(held_in(review), filters, today)
    questions = list(
        rows.order_by("questionnaire_id", "order").values(
            "pk", "number", "section_id", "assignee", "due", "answer_status"
        )
    )
    by_person = _tally(questions, "assignee", today)
    by_section = _tally(questions, "section_id", today)
    people = [
        _progress(row, names.get(assignee, "") if assignee is not None else unassigned, key=str(assignee or "none"))
        for assignee, row in by_person.items()
    ]
    people.sort(key=lambda progress: (progress.key == "none", progress.label.casefold()))
    whole = {assignment.section_id: assignment for assignment in assignments if assignment.section_id}
    section_rows = [
        _progress(by_section[section.pk], section.title, key=str(section.pk), assignment=whole.get(section.pk))
        for section in sections
        if section.pk in by_section
    ]
    titles = {section.pk: section.title for section in sections}
    labels = dict(AnswerStatus.choices)
    for question in questions:
        question["person"] = names.get(question["assignee"], "") if question["assignee"] else unassigned
        question["section"] = titles.get(question["section_id"], "")
        question["status_label"] = labels[question["answer_status"]]
        question["overdue"] = bool(
            question["due"] and question["due"] < today and question["answer_status"] in OPEN_STATUSES
        )
    return Coordination(people, section_rows, questions, assignments, candidates, sections, names)


def _filtered(rows: HeldRows, filters: dict, today: dt.date) -> HeldRows:
    person = filters.get("person")
    if person == "none":
        rows = rows.filter(assignee__isnull=True)
    elif person:
        rows = rows.filter(assignee=int(person))
    if filters.get("section"):
        rows = rows.filter(section_id=int(filters["section"]))
    if filters.get("status"):
        rows = rows.filter(answer_status=filters["status"])
    if filters.get("overdue"):
        rows = rows.filter(overdue_condition(today))
    return rows
