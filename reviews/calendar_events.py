"""The deadlines of a person's reviews in their personal calendar feed (revmod.core.calendar).

Only reviews the person takes part in (an active participation, and the review visible to
them): the secretariat, who sees every review, gets none by right of office, as a feed of
every State's deadline would drown the few dates that are theirs; it gets those of a review
it takes part in, like anyone. A review has one deadline at a time, its current step's
(``due_at``, moved by DeadlineExtension): the next steps get theirs only when they open,
counted from that day, so no later date is announced that the timetable would then move.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews import permissions
from reviews.enums import Step
from reviews.models import CountryReview
from revmod.core.calendar import CalendarEvent, register


def deadline_reviews(user):
    """The reviews whose current deadline belongs in ``user``'s calendar, in one query."""
    if not (user.is_authenticated and user.is_active):
        return CountryReview.objects.none()
    return (
        permissions.reviews_visible_to(user)
        .filter(participants__user=user, participants__is_active=True, due_at__isnull=False)
        .exclude(step=Step.FINALIZED)
        .select_related("state")
        .annotate(changes=Count("extensions", filter=Q(extensions__step=F("step")), distinct=True))
        .order_by("due_at", "pk")
    )


def deadline_event(review: CountryReview, *, changes: int = 0) -> CalendarEvent:
    """An all-day entry on the deadline's date; the same UID for a review's step, however often it moves."""
    assert review.due_at is not None  # deadline_reviews keeps the reviews that have one
    day = timezone.localdate(review.due_at)
    values = {"state": review.state.name, "step": Step(review.step).label}
    return CalendarEvent(
        uid=f"review-{review.pk}-{review.step}-deadline",
        summary=_("Review of %(state)s: deadline of the step “%(step)s”") % values,
        start=day,
        end=day + dt.timedelta(days=1),
        description=_("The step “%(step)s” of the review of %(state)s is due on this day.") % values,
        url=settings.SITE_URL + reverse("reviews:detail", kwargs={"pk": review.pk}),
        sequence=changes,
    )


@register
def review_deadlines(user) -> list[CalendarEvent]:
    return [deadline_event(review, changes=review.changes) for review in deadline_reviews(user)]
