"""The workflow of a review: moving between steps, deadlines, submitting the questionnaire."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews import notifications, permissions, selectors
from reviews.enums import Step
from reviews.models import (
    CountryReview,
    ReviewCycle,
    StepDuration,
    StepTransition,
)
from reviews.services.errors import ReviewError, SubmissionIncomplete
from reviews.services.outputs import ensure_outputs, publish_outputs
from reviews.workflow import is_allowed
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


def step_days(cycle: ReviewCycle, step: Step) -> int | None:
    """The days ``step`` may take in ``cycle``: the cycle's own timetable, else the global default."""
    days = (cycle.step_days or {}).get(Step(step).value)
    if days is None:
        duration = StepDuration.objects.filter(step=step).first()
        days = duration.days if duration else None
    return days


def deadline_for(cycle: ReviewCycle, step: Step, started_at: dt.datetime) -> dt.datetime | None:
    days = step_days(cycle, step)
    return started_at + dt.timedelta(days=days) if days is not None else None


@transaction.atomic
def move_review(review: CountryReview, *, to_step: Step, user, note: str = "") -> StepTransition:
    """Move a review to another step: the next one, or an earlier one to reopen it (secretariat)."""
    to_step = Step(to_step)
    if not permissions.can_manage_reviews(user):
        raise ReviewError(_("Only the secretariat moves a review between steps."))
    if not is_allowed(review.step, to_step):
        raise ReviewError(
            _("A review cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Step(review.step).label, "to": to_step.label}
        )
    leaving_dialogue = review.step == Step.DIALOGUE and Step(to_step).index > Step.DIALOGUE.index
    if leaving_dialogue:
        waiting = selectors.open_clarifications(user, review).count()
        if waiting:
            raise ReviewError(
                ngettext(
                    "%(count)d request for clarification is still waiting for an answer.",
                    "%(count)d requests for clarification are still waiting for an answer.",
                    waiting,
                )
                % {"count": waiting}
            )
    if to_step == Step.FINALIZED:
        publish_outputs(review, user=user)
    if to_step in (Step.FEEDBACK, Step.OBSERVATIONS, Step.SUMMARY):
        ensure_outputs(review)
    return _record_move(review, to_step=to_step, user=user, note=note)


def _record_move(review: CountryReview, *, to_step: Step, user, note: str = "") -> StepTransition:
    now = timezone.now()
    transition = StepTransition.objects.create(
        review=review, from_step=review.step, to_step=to_step, by=user, at=now, note=note
    )
    review.step = to_step
    review.step_started_at = now
    review.due_at = deadline_for(review.cycle, to_step, now)
    fields = ["step", "step_started_at", "due_at"]
    if Step(to_step).index <= Step.SAQ_DRAFTING.index and review.submitted_at is not None:
        review.submitted_at = None  # reopened: the answers are open again
        fields.append("submitted_at")
    review.save(update_fields=fields)
    record(
        AuditAction.STEP_CHANGED,
        actor=user,
        target=review,
        review_id=review.pk,
        data={"from": transition.from_step, "to": to_step, "note": note},
    )
    notifications.step_opened(review)
    return transition


@transaction.atomic
def submit_questionnaire(review: CountryReview, *, user) -> StepTransition:
    """The focal point submits the questionnaire: every required answer must be there, and cleared."""
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if not permissions.can_submit(user, review):
        raise ReviewError(_("Only the focal point of the State under review submits, while it is being drafted."))
    gaps = selectors.submission_gaps(review)
    if gaps:
        raise SubmissionIncomplete(gaps.missing, gaps.not_cleared)
    review.submitted_at = timezone.now()
    review.save(update_fields=["submitted_at"])
    ensure_outputs(review)
    record(AuditAction.QUESTIONNAIRE_SUBMITTED, actor=user, target=review, review_id=review.pk)
    return _record_move(review, to_step=Step.FEEDBACK, user=user, note=_("Questionnaire submitted"))
