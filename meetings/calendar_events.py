"""The meetings in the calendars people live in: one download per meeting, and each personal feed."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _

from meetings import selectors
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from meetings.notifications import meeting_url
from revmod.core.calendar import CalendarEvent, register


def event_of(meeting: Meeting) -> CalendarEvent:
    """The calendar entry of a meeting whose time is fixed (its ``review.state`` loaded)."""
    assert meeting.fixed_slot is not None  # only meetings with a time are in calendars
    start = meeting.fixed_slot.starts_at
    description = "\n\n".join(
        part for part in (_("Review of %(state)s") % {"state": meeting.review.state.name}, meeting.agenda) if part
    )
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}",
        summary=meeting.title,
        start=start,
        end=start + dt.timedelta(minutes=meeting.duration_minutes),
        description=description,
        location=meeting.link or meeting.venue,
        url=f"{settings.SITE_URL}{meeting_url(meeting)}",
        sequence=meeting.sequence,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
    )


@register
def meeting_events(user) -> list[CalendarEvent]:
    """The fixed (and cancelled, so that clients drop them) meetings the user may see, in one query."""
    return [event_of(meeting) for meeting in selectors.fixed_meetings_for(user)]
