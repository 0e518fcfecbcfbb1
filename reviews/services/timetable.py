"""The timetable the secretariat keeps: a cycle's days per step, a review's deadline and working languages."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reviews import notifications, permissions
from reviews.enums import Step
from reviews.models import CountryReview, DeadlineExtension, ReviewCycle, StepDuration
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record

# The steps that take time; a finalized review has no deadline.
TIMED_STEPS = tuple(step for step in Step if step != Step.FINALIZED)
MAX_STEP_DAYS = 3650


def default_step_days() -> dict[str, int]:
    """The global defaults (reviews/data/reference.yaml), which a cycle's own timetable overrides."""
    return dict(StepDuration.objects.values_list("step", "days"))


def effective_step_days(cycle: ReviewCycle, defaults: dict[str, int] | None = None) -> dict[str, int | None]:
    """The days each step takes in ``cycle``: its own timetable where set, the global default elsewhere."""
    defaults = default_step_days() if defaults is None else defaults
    own = cycle.step_days or {}
    return {step.value: own.get(step.value, defaults.get(step.value)) for step in TIMED_STEPS}


@transaction.atomic
def save_step_days(cycle: ReviewCycle, *, days: dict[str, int], by) -> ReviewCycle:
    """Set the days each step takes in the cycle, for the steps that start from now on.

    Deadlines already set stay as they are: a review's deadline is extended on its own page.
    """
    if not permissions.can_manage_reviews(by):
        raise ReviewError(_("Only the secretariat sets the timetable."))
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_closed:
        raise ReviewError(_("A closed cycle cannot be changed."))
    unknown = set(days) - {step.value for step in TIMED_STEPS}
    wrong = [value for value in days.values() if not isinstance(value, int) or not 1 <= value <= MAX_STEP_DAYS]
    if unknown or wrong:
        raise ReviewError(_("Each step takes a whole number of days, from 1 to %(max)d.") % {"max": MAX_STEP_DAYS})
    before = effective_step_days(cycle)
    cycle.step_days = {step.value: days[step.value] for step in TIMED_STEPS if step.value in days}
    cycle.save(update_fields=["step_days"])
    after = effective_step_days(cycle)
    changed = [step for step in before if before[step] != after[step]]
    if changed:
        record(
            AuditAction.TIMETABLE_CHANGED,
            actor=by,
            target=cycle,
            data={"old": {step: before[step] for step in changed}, "new": {step: after[step] for step in changed}},
        )
    return cycle


@transaction.atomic
def extend_deadline(review: CountryReview, *, due_at: dt.datetime, reason: str, user) -> DeadlineExtension:
    """Move the deadline of the review's current step later, tell its participants, and say why.

    The new deadline must fall after today and after the current one. Reminders follow by
    themselves: their keys carry the deadline's date, so the new deadline's ones are new.
    """
    if not permissions.can_manage_reviews(user):
        raise ReviewError(_("Only the secretariat extends a deadline."))
    review = CountryReview.objects.select_for_update().select_related("state", "cycle").get(pk=review.pk)
    reason = reason.strip()
    if review.step == Step.FINALIZED:
        raise ReviewError(_("A finalized review has no deadline to extend."))
    if not reason:
        raise ReviewError(_("Give the reason for the extension."))
    if timezone.localdate(due_at) <= timezone.localdate():
        raise ReviewError(_("Choose a date after today."))
    if review.due_at is not None and due_at <= review.due_at:
        raise ReviewError(
            _("Choose a date after the current deadline, %(date)s.")
            % {"date": formats.date_format(timezone.localdate(review.due_at), "DATE_FORMAT")}
        )
    previous = review.due_at
    extension = DeadlineExtension.objects.create(
        review=review, step=review.step, previous_due_at=previous, due_at=due_at, reason=reason, by=user
    )
    review.due_at = due_at
    review.save(update_fields=["due_at"])
    record(
        AuditAction.DEADLINE_EXTENDED,
        actor=user,
        target=review,
        review_id=review.pk,
        data={
            "step": review.step,
            "previous": previous.isoformat() if previous else None,
            "new": due_at.isoformat(),
            "reason": reason,
        },
    )
    notifications.deadline_extended(review, extension)
    return extension


@transaction.atomic
def set_working_languages(review: CountryReview, *, main: str, others: list[str], by) -> CountryReview:
    """The language the review mainly works in, and the others it also works in."""
    if not permissions.can_manage_reviews(by):
        raise ReviewError(_("Only the secretariat sets the working languages."))
    known = [code for code, _label in settings.LANGUAGES]
    if main not in known or any(code not in known for code in others):
        raise ReviewError(_("Choose languages of the platform."))
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    old = {"main": review.working_language, "others": list(review.other_working_languages)}
    review.working_language = main
    review.other_working_languages = [code for code in known if code in others and code != main]
    new = {"main": review.working_language, "others": review.other_working_languages}
    if new != old:
        review.save(update_fields=["working_language", "other_working_languages"])
        record(
            AuditAction.WORKING_LANGUAGES_CHANGED,
            actor=by,
            target=review,
            review_id=review.pk,
            data={"old": old, "new": new},
        )
    return review
