"""What meetings add to a review's page: a section listing them, and the fixed ones in the timeline."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from meetings import permissions, selectors
from meetings.enums import MeetingStatus
from meetings.selectors import MeetingRow
from reviews.models import CountryReview
from reviews.page_links import ReviewSection, TimelineEntry, register_section, register_timeline
from revmod.accounts.time_zones import zone_of


def _meetings(request: HttpRequest, review: CountryReview) -> list[MeetingRow]:
    """The meetings the reader may see, fetched once per page for the section and the timeline."""
    memo = request.__dict__.setdefault("_review_meetings", {})
    if review.pk not in memo:
        memo[review.pk] = selectors.meeting_rows(
            selectors.meetings_of_review(request.user, review), zone_of(request.user)
        )
    return memo[review.pk]


@register_section
def meetings_section(request: HttpRequest, review: CountryReview) -> list[ReviewSection]:
    if not permissions.can_see_meetings(request.user, review):
        return []
    context = {
        "review": review,
        "rows": _meetings(request, review),
        "can_propose": permissions.can_propose(request.user, review),
    }
    return [ReviewSection("meetings/_review_section.html", context)]


@register_timeline
def fixed_meetings(request: HttpRequest, review: CountryReview) -> list[TimelineEntry]:
    if not permissions.can_see_meetings(request.user, review):
        return []
    return [
        TimelineEntry(
            at=row.when.moment,
            text=_("Meeting “%(title)s”") % {"title": row.meeting.title},
            url=reverse("meetings:detail", args=[row.meeting.pk]),
            shown=str(row.when),
        )
        for row in _meetings(request, review)
        if row.meeting.status == MeetingStatus.FIXED and row.when is not None
    ]
