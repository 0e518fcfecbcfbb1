"""Sharing out a review's questions among the people of the State under review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import notifications
from coordination.models import Assignment
from coordination.permissions import ASSIGNABLE_ROLES, can_assign
from coordination.selectors import held_in
from reviews.enums import Side
from reviews.models import CountryReview, Participant, Question, Section
from reviews.services import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


class AssignmentRefused(ReviewError):
    """An assignment the rules refuse; the message is for the person who asked, nothing was changed."""


def _check(review: CountryReview, *, sections: Sequence[Section], questions: Sequence[Question], user) -> None:
    if not can_assign(user, review):
        raise AssignmentRefused(_("Only the focal point of the State under review shares out its questions."))
    if not sections and not questions:
        raise AssignmentRefused(_("Choose at least one section or question."))
    answered = set(review.questionnaires.values_list("pk", flat=True))
    parts: list[Section | Question] = [*sections, *questions]
    if any(part.questionnaire_id not in answered for part in parts):
        raise AssignmentRefused(_("Only the sections and questions of this review's questionnaire can be assigned."))


def _check_assignee(review: CountryReview, assignee) -> None:
    answers_here = Participant.objects.filter(
        review=review, user=assignee, side=Side.REVIEWED, is_active=True, role__in=ASSIGNABLE_ROLES
    ).exists()
    if not (assignee.is_active and answers_here):
        raise AssignmentRefused(
            _(
                "%(name)s cannot be given questions: only the focal point, the experts and the national "
                "contributors of the State under review answer them."
            )
            % {"name": assignee.full_name}
        )


@transaction.atomic
def assign(
    review: CountryReview,
    *,
    sections: Sequence[Section] = (),
    questions: Sequence[Question] = (),
    assignee,
    due_on: dt.date | None = None,
    user,
) -> list[Assignment]:
    """Give each section and question to ``assignee`` (replacing whoever had it); tell them.

    A question's own assignment still overrides its section's. A changed due date gets its own reminders.
    """
    _check(review, sections=sections, questions=questions, user=user)
    _check_assignee(review, assignee)
    if due_on is not None and due_on < timezone.localdate():
        raise AssignmentRefused(_("The internal due date cannot be in the past."))
    made = [_give(review, {"section": section}, assignee=assignee, due_on=due_on, user=user) for section in sections]
    made += [
        _give(review, {"question": question}, assignee=assignee, due_on=due_on, user=user) for question in questions
    ]
    record(
        AuditAction.ASSIGNMENT_CHANGED,
        actor=user,
        target=review,
        review_id=review.pk,
        data={
            "assigned_to": assignee.pk,
            "sections": [section.pk for section in sections],
            "questions": [question.number for question in questions],
            "due_on": due_on.isoformat() if due_on else None,
        },
    )
    count = held_in(review).filter(held_by__in=[assignment.pk for assignment in made], assignee=assignee.pk)
    if assignee.pk != user.pk:
        first = sections[0] if sections else questions[0].section
        notifications.questions_assigned(
            review, assignee=assignee, section=first, count=count.count(), due_on=due_on, by=user
        )
    return made


def _give(review: CountryReview, part: dict, *, assignee, due_on: dt.date | None, user) -> Assignment:
    assignment = Assignment.objects.select_for_update().filter(review=review, **part).order_by("pk").first()
    if assignment is None:
        return Assignment.objects.create(review=review, assignee=assignee, due_on=due_on, assigned_by=user, **part)
    if assignment.due_on != due_on:
        assignment.reminded_for = None
    assignment.assignee, assignment.due_on = assignee, due_on
    assignment.assigned_by, assignment.assigned_at = user, timezone.now()
    assignment.save(update_fields=["assignee", "due_on", "reminded_for", "assigned_by", "assigned_at"])
    return assignment


@transaction.atomic
def unassign(
    review: CountryReview, *, sections: Sequence[Section] = (), questions: Sequence[Question] = (), user
) -> int:
    """Take sections and questions back from whoever had them: they are unassigned again (or follow their section)."""
    _check(review, sections=sections, questions=questions, user=user)
    gone = Assignment.objects.filter(review=review, section__in=list(sections)) | Assignment.objects.filter(
        review=review, question__in=list(questions)
    )
    removed = list(gone.values("assignee_id", "section_id", "question__number"))
    gone.delete()
    if removed:
        record(
            AuditAction.ASSIGNMENT_CHANGED, actor=user, target=review, review_id=review.pk, data={"removed": removed}
        )
    return len(removed)
