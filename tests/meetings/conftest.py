from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings.enums import MeetingKind, MeetingVisibility
from meetings.services import fix_meeting, propose_meeting


def later(hours: float) -> dt.datetime:
    return (timezone.now() + dt.timedelta(hours=hours)).replace(second=0, microsecond=0)


@pytest.fixture
def make_meeting():
    """A meeting of ``review`` proposed by ``by``, with candidate times ``hours`` ahead; fixed on the first if asked."""

    def make(review, *, by, visibility=MeetingVisibility.ALL, hours=(48, 72), fixed=False, title="Dialogue call"):
        meeting = propose_meeting(
            review,
            user=by,
            kind=MeetingKind.VIDEOCONFERENCE,
            title=title,
            starts=[later(hour) for hour in hours],
            visibility=visibility,
            agenda="1. Observations",
            link="https://meet.example.org/room",
        )
        if fixed:
            fix_meeting(meeting, slot=meeting.slots.order_by("starts_at").first(), user=by)
            meeting.refresh_from_db()
        return meeting

    return make
