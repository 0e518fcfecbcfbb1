import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from revmod.core.calendar import CalendarEvent, build_calendar, ics_response


def test_times_are_written_in_utc_and_dates_stay_all_day():
    lima = ZoneInfo("America/Lima")
    meeting = CalendarEvent(
        uid="meeting-1", summary="Dialogue", start=dt.datetime(2027, 3, 1, 9, 0, tzinfo=lima), end=None, sequence=2
    )
    deadline = CalendarEvent(
        uid="deadline-1", summary="Answers due", start=dt.date(2027, 3, 5), end=dt.date(2027, 3, 6)
    )

    calendar = Calendar.from_ical(build_calendar([meeting, deadline], name="Mine"))

    first, second = calendar.walk("VEVENT")
    assert first.decoded("dtstart") == dt.datetime(2027, 3, 1, 14, 0, tzinfo=dt.UTC)
    assert str(first["uid"]).startswith("meeting-1@")
    assert int(first["sequence"]) == 2
    assert second.decoded("dtstart") == dt.date(2027, 3, 5)
    assert str(calendar["x-wr-calname"]) == "Mine"


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="aware"):
        build_calendar([CalendarEvent(uid="x", summary="x", start=dt.datetime(2027, 1, 1, 9, 0))])


def test_a_download_is_private_and_named():
    response = ics_response([], filename="meeting.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="meeting.ics"'
    assert "no-store" in response["Cache-Control"]
