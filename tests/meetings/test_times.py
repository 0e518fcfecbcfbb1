"""A meeting's time in the reader's zone and in UTC: half-hour zones and daylight-saving changes included."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from meetings.times import shown

UTC = dt.UTC


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/Lima", "Tue March 2, 2027, 9 a.m. (Lima, UTC\u22125) — 2 p.m. UTC"),
        ("Europe/Paris", "Tue March 2, 2027, 3 p.m. (Paris, UTC+1) — 2 p.m. UTC"),
        ("Asia/Kathmandu", "Tue March 2, 2027, 7:45 p.m. (Kathmandu, UTC+5:45) — 2 p.m. UTC"),
        ("Australia/Sydney", "Wed March 3, 2027, 1 a.m. (Sydney, UTC+11) — Tue March 2, 2027, 2 p.m. UTC"),
        ("UTC", "Tue March 2, 2027, 2 p.m. UTC"),
    ],
)
def test_a_time_is_shown_in_the_reader_zone_and_in_utc(zone, expected):
    assert str(shown(dt.datetime(2027, 3, 2, 14, 0, tzinfo=UTC), ZoneInfo(zone))) == expected


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Sydney leaves summer time on the first Sunday of April 2027 (4 April); Santiago on 3 April.
        ("Australia/Sydney", "UTC+11", "UTC+10"),
        ("America/Santiago", "UTC\u22123", "UTC\u22124"),
    ],
)
def test_the_same_utc_hour_moves_in_a_southern_zone_across_its_change_of_time(zone, before, after):
    ahead = shown(dt.datetime(2027, 4, 1, 12, 0, tzinfo=UTC), ZoneInfo(zone))
    behind = shown(dt.datetime(2027, 4, 8, 12, 0, tzinfo=UTC), ZoneInfo(zone))

    assert ahead.zone.endswith(before)
    assert behind.zone.endswith(after)
    assert ahead.utc == behind.utc == "noon UTC"


def test_the_time_is_written_in_the_reader_language():
    with translation.override("fr"):
        when = shown(dt.datetime(2027, 3, 2, 14, 0, tzinfo=UTC), ZoneInfo("Asia/Kathmandu"))

    assert when.local == "mar 2 mars 2027, 19:45"
    assert when.zone == "Katmandou, UTC+5:45"
    assert when.utc == "14:00 UTC"
    assert when.iso == "2027-03-02T14:00:00+00:00"
