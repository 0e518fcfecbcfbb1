"""The State's own clearance of its answers: drafted, ready for clearance, cleared by the focal point.

Only cleared answers are submitted. Any change to a cleared answer (its value, its evidence)
sends it back to drafted, and the person who made the change is told so.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews import permissions
from reviews.answer_values import is_empty
from reviews.enums import AnswerStatus
from reviews.models import Answer, CountryReview, Question
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


def status_after_change(answer: Answer) -> AnswerStatus:
    """What an answer becomes when its content changes: drafted, or not started once emptied."""
    if is_empty(answer) and not answer.evidence.filter(removed_at__isnull=True).exists():
        return AnswerStatus.NOT_STARTED
    return AnswerStatus.DRAFTED


def note_content_changed(answer: Answer, *, user) -> bool:
    """Set the status an edit leaves the answer in; True when the edit took back a clearance.

    Called by every service that changes what an answer says, inside its transaction; it
    saves the status fields only.
    """
    was_cleared = answer.status == AnswerStatus.CLEARED
    new = status_after_change(answer)
    if new == answer.status:
        return False
    _set_status(answer, new, user=user, reason="edited")
    return was_cleared


def _set_status(answer: Answer, status: AnswerStatus, *, user, reason: str) -> None:
    previous = answer.status
    answer.status = status
    answer.status_changed_by = user
    answer.status_changed_at = timezone.now()
    answer.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    record(
        AuditAction.ANSWER_STATUS_CHANGED,
        actor=user,
        target=answer,
        review_id=answer.review_id,
        data={"question": answer.question.number, "from": previous, "to": status, "reason": reason},
    )


def _answers(review: CountryReview, questions: list[Question]) -> list[Answer]:
    return list(
        Answer.objects.select_for_update()
        .filter(review=review, question__in=questions)
        .select_related("question")
        .order_by("question__order")
    )


@transaction.atomic
def mark_ready(review: CountryReview, questions: list[Question], *, user) -> list[Answer]:
    """Those who answer say their drafts are ready for the focal point; empty answers cannot be."""
    if not permissions.can_answer(user, review):
        raise ReviewError(_("The questionnaire cannot be changed now."))
    answers = _answers(review, questions)
    if not answers or any(answer.status == AnswerStatus.NOT_STARTED for answer in answers):
        raise ReviewError(_("Only an answer that has been drafted can be made ready for clearance."))
    changed = [answer for answer in answers if answer.status == AnswerStatus.DRAFTED]
    for answer in changed:
        _set_status(answer, AnswerStatus.READY, user=user, reason="ready")
    return changed


@transaction.atomic
def clear_answers(review: CountryReview, questions: list[Question], *, user) -> list[Answer]:
    """The focal point clears answers: they speak for the State from now on. Empty ones cannot be."""
    if not permissions.can_clear(user, review):
        raise ReviewError(_("Only the focal point of the State under review clears answers, while they are drafted."))
    answers = _answers(review, questions)
    empty = [answer.question.number for answer in answers if answer.status == AnswerStatus.NOT_STARTED]
    unanswered = {question.pk for question in questions} - {answer.question_id for answer in answers}
    if empty or unanswered:
        count = len(empty) + len(unanswered)
        raise ReviewError(
            ngettext(
                "%(count)d of these questions has no answer to clear.",
                "%(count)d of these questions have no answer to clear.",
                count,
            )
            % {"count": count}
        )
    changed = [answer for answer in answers if answer.status != AnswerStatus.CLEARED]
    for answer in changed:
        _set_status(answer, AnswerStatus.CLEARED, user=user, reason="cleared")
    return changed


@transaction.atomic
def return_to_drafting(review: CountryReview, questions: list[Question], *, user) -> list[Answer]:
    """The focal point sends answers back to their authors (ready or cleared -> drafted)."""
    if not permissions.can_clear(user, review):
        raise ReviewError(_("Only the focal point of the State under review clears answers, while they are drafted."))
    changed = [
        answer for answer in _answers(review, questions) if answer.status in (AnswerStatus.READY, AnswerStatus.CLEARED)
    ]
    for answer in changed:
        _set_status(answer, AnswerStatus.DRAFTED, user=user, reason="returned")
    return changed
