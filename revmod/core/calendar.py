"""Dates in the calendars people live in (Outlook, Google, Thunderbird): RFC 5545 through icalendar.

Core knows no app's dates (the import contracts forbid it): an app registers a function that
takes a user and returns that person's events (review deadlines, meetings, training sessions).
A personal feed gathers every source; a download holds one event. Times are aware datetimes
and are written in UTC, so no client has to know our time zone rules; an all-day date (a
deadline) stays a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

PRODUCT_ID = "-//revmod//review mechanism//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of a calendar.

    ``uid`` must be stable for the same thing across downloads and feed refreshes (a calendar
    client updates the entry it already has instead of adding a second one); ``start`` and
    ``end`` are aware datetimes, or dates for an all-day entry (``end`` then exclusive).
    ``sequence`` grows each time the organiser changes the entry.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


EventSource = Callable[[object], Iterable[CalendarEvent]]
_SOURCES: list[EventSource] = []


def register(source: EventSource) -> EventSource:
    """Add ``source(user)`` to every personal feed."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def events_for(user) -> list[CalendarEvent]:
    return [event for source in _SOURCES for event in source(user)]


def _utc(moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            raise ValueError("calendar times must be aware")
        return moment.astimezone(dt.UTC)
    return moment


def build_calendar(events: Iterable[CalendarEvent], *, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    domain = getattr(settings, "CALENDAR_UID_DOMAIN", "revmod")
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("dtstart", _utc(item.start))
        if item.end is not None:
            event.add("dtend", _utc(item.end))
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(events: Iterable[CalendarEvent], *, filename: str, name: str = "", inline: bool = False):
    """An ``.ics`` answer: a download (one event) or a feed that calendar clients subscribe to."""
    response = HttpResponse(build_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
