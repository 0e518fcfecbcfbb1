"""Review cycles, as the secretariat creates, corrects and closes them."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews import permissions
from reviews.enums import CycleStatus, Step
from reviews.models import Instrument, ReviewCycle
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record

# What the drawing of lots has fixed: changing it afterwards would contradict the reviews drawn.
FIXED_ONCE_DRAWN = ("cluster_id", "first_year", "group_count")


@transaction.atomic
def save_cycle(cycle: ReviewCycle, *, instruments: list[Instrument], by) -> ReviewCycle:
    """Create the cycle, or save the secretariat's corrections to it.

    Refused for a closed cycle, and for changes to what a drawing of lots already fixed.
    """
    if not permissions.can_manage_reviews(by):
        raise ReviewError(_("Only the secretariat manages review cycles."))
    creating = cycle.pk is None
    if not creating:
        stored = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        if stored.is_closed:
            raise ReviewError(_("A closed cycle cannot be changed."))
        if stored.is_drawn and any(getattr(stored, name) != getattr(cycle, name) for name in FIXED_ONCE_DRAWN):
            raise ReviewError(_("Lots have been drawn: the cluster, first year and number of groups stay as drawn."))
    cycle.save()
    cycle.instruments.set(instruments)
    action = AuditAction.CYCLE_CREATED if creating else AuditAction.CYCLE_CHANGED
    data = {"instruments": sorted(i.code for i in instruments), "required_languages": list(cycle.required_languages)}
    record(action, actor=by, target=cycle, data=data)
    return cycle


@transaction.atomic
def close_cycle(cycle: ReviewCycle, *, by) -> ReviewCycle:
    """Close a cycle once every one of its reviews is finalized."""
    if not permissions.can_manage_reviews(by):
        raise ReviewError(_("Only the secretariat manages review cycles."))
    open_reviews = cycle.reviews.exclude(step=Step.FINALIZED).count()
    if open_reviews:
        raise ReviewError(
            ngettext(
                "%(count)d review of this cycle is not finalized yet.",
                "%(count)d reviews of this cycle are not finalized yet.",
                open_reviews,
            )
            % {"count": open_reviews}
        )
    cycle.status = CycleStatus.CLOSED
    cycle.save(update_fields=["status"])
    record(AuditAction.CYCLE_CLOSED, actor=by, target=cycle)
    return cycle
