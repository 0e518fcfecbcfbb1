from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from reviews.models import CountryReview

FRANCE_DUE = dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC)
EGYPT_DUE = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def deadlines(world):
    """Both reviews of the world get a deadline: France's on 20 May, Egypt's on 10 June."""
    CountryReview.objects.filter(pk=world.review.pk).update(due_at=FRANCE_DUE)
    CountryReview.objects.filter(pk=world.other_review.pk).update(due_at=EGYPT_DUE)
    return world


def feed_path_on(page: str) -> str:
    """The feed's path, read from the page that showed its address once."""
    match = re.search(r'value="https?://[^/"]+(/calendar/[^"]+\.ics)"', page)
    assert match, "the page shows no feed address"
    return match.group(1)


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
