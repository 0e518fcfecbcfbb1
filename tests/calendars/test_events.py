"""What the feed holds: review deadlines as dates, training sessions at the right instant, valid iCalendar."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from elearning.calendar_events import registered_sessions
from reviews.calendar_events import review_deadlines
from reviews.enums import Step
from reviews.models import CountryReview
from reviews.services import remove_participant
from reviews.services.timetable import extend_deadline
from revmod.core.calendar import build_calendar, events_for
from tests.calendars.conftest import expert_in_reviews, registered_in_sessions
from tests.factories import UserFactory
from tests.factories.elearning import SessionRegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def vevents(user) -> list:
    return list(Calendar.from_ical(build_calendar(events_for(user))).walk("VEVENT"))


# --- Review deadlines ----------------------------------------------------------------


def test_a_deadline_is_an_all_day_date_with_a_stable_uid(deadlines):
    [event] = vevents(deadlines.focal_point)

    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == dt.date(2026, 5, 20)
    assert event.decoded("DTEND") == dt.date(2026, 5, 21)
    assert str(event["UID"]) == f"review-{deadlines.review.pk}-{Step.SAQ_DRAFTING}-deadline@revmod"
    assert str(event["URL"]).endswith(f"/en/reviews/{deadlines.review.pk}/")


def test_an_extended_deadline_keeps_its_uid_and_raises_its_sequence(deadlines):
    soon = timezone.now() + dt.timedelta(days=10)
    CountryReview.objects.filter(pk=deadlines.review.pk).update(due_at=soon)
    before = vevents(deadlines.focal_point)[0]

    later = soon + dt.timedelta(days=30)
    extend_deadline(deadlines.review, due_at=later, reason="Elections", user=deadlines.secretariat)
    after = vevents(deadlines.focal_point)[0]

    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART") == timezone.localdate(later)


def test_no_deadline_for_a_finalized_review_or_one_without_deadline(deadlines):
    CountryReview.objects.filter(pk=deadlines.review.pk).update(step=Step.FINALIZED)
    CountryReview.objects.filter(pk=deadlines.other_review.pk).update(due_at=None)

    assert review_deadlines(deadlines.focal_point) == []
    assert review_deadlines(deadlines.stranger) == []


def test_a_removed_participant_loses_the_reviews_deadline(deadlines):
    remove_participant(deadlines.review.participants.get(user=deadlines.expert), by=deadlines.secretariat)

    assert review_deadlines(deadlines.expert) == []


def test_a_stakeholder_and_the_secretariat_get_no_review_deadline(deadlines):
    assert review_deadlines(deadlines.stakeholder) == []
    assert review_deadlines(deadlines.secretariat) == []


def test_the_deadlines_take_one_query_for_one_review_and_for_ten(db, django_assert_num_queries):
    one, ten = expert_in_reviews(1), expert_in_reviews(10)

    with django_assert_num_queries(1):
        assert len(review_deadlines(one)) == 1
    with django_assert_num_queries(1):
        assert len(review_deadlines(ten)) == 10


# --- Training sessions ---------------------------------------------------------------


def test_only_the_sessions_one_registered_for_are_in_the_feed(db):
    reader, other = UserFactory(), UserFactory()
    mine = TrainingSessionFactory(title_en="Mine", location="Room 3")
    SessionRegistrationFactory(session=mine, user=reader)
    SessionRegistrationFactory(session=TrainingSessionFactory(title_en="Not mine"), user=other)

    [event] = registered_sessions(reader)

    assert (event.summary, event.location, event.uid) == (
        "Training session: Mine",
        "Room 3",
        f"training-session-{mine.pk}",
    )


def test_the_sessions_take_one_query_for_one_and_for_five(db, django_assert_num_queries):
    one, five = UserFactory(), UserFactory()
    registered_in_sessions(one, 1)
    registered_in_sessions(five, 5)

    with django_assert_num_queries(1):
        assert len(registered_sessions(one)) == 1
    with django_assert_num_queries(1):
        assert len(registered_sessions(five)) == 5


@pytest.mark.parametrize(
    ("zone", "local", "utc"),
    [
        # Sydney leaves daylight time at 03:00 on 5 April 2026 (UTC+11 -> UTC+10).
        ("Australia/Sydney", dt.datetime(2026, 4, 4, 18, 0), dt.datetime(2026, 4, 4, 7, 0, tzinfo=dt.UTC)),
        ("Australia/Sydney", dt.datetime(2026, 4, 6, 18, 0), dt.datetime(2026, 4, 6, 8, 0, tzinfo=dt.UTC)),
        ("Asia/Kathmandu", dt.datetime(2026, 6, 1, 9, 0), dt.datetime(2026, 6, 1, 3, 15, tzinfo=dt.UTC)),
        ("America/Lima", dt.datetime(2026, 6, 1, 9, 0), dt.datetime(2026, 6, 1, 14, 0, tzinfo=dt.UTC)),
    ],
    ids=["sydney-daylight", "sydney-standard", "kathmandu", "lima"],
)
def test_a_session_comes_out_at_its_utc_instant(db, zone, local, utc):
    reader = UserFactory()
    starts = local.replace(tzinfo=ZoneInfo(zone))
    session = TrainingSessionFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), time_zone=zone)
    SessionRegistrationFactory(session=session, user=reader)

    [event] = vevents(reader)

    assert event.decoded("DTSTART") == utc
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=2)
    assert event.to_ical().decode().count(f"DTSTART:{utc:%Y%m%dT%H%M%S}Z") == 1


def test_a_session_across_the_sydney_change_lasts_its_real_hours(db):
    """01:00 daylight time to 04:00 standard time on 5 April: four hours, not three."""
    reader, sydney = UserFactory(), ZoneInfo("Australia/Sydney")
    starts = dt.datetime(2026, 4, 5, 1, 0, tzinfo=sydney)
    ends = dt.datetime(2026, 4, 5, 4, 0, tzinfo=sydney)
    SessionRegistrationFactory(session=TrainingSessionFactory(starts_at=starts, ends_at=ends), user=reader)

    [event] = vevents(reader)

    assert event.decoded("DTSTART") == dt.datetime(2026, 4, 4, 14, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2026, 4, 4, 18, 0, tzinfo=dt.UTC)


# --- The whole feed ------------------------------------------------------------------


def test_every_entry_of_a_full_feed_has_uid_stamp_and_start(db):
    expert = expert_in_reviews(3)
    registered_in_sessions(expert, 2)

    events = vevents(expert)

    assert len(events) == 5
    assert all({"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event.keys()) for event in events)
    assert len({str(event["UID"]) for event in events}) == 5
    dated = [event for event in events if str(event["UID"]).startswith("review-")]
    assert [event["DTSTART"].params.get("VALUE") for event in dated] == ["DATE"] * 3


def test_feed_generation_for_ten_reviews_and_five_sessions(db, capsys):
    """A measurement for the note: the time and queries of one person's whole feed (each source is one query)."""
    expert = expert_in_reviews(10)
    registered_in_sessions(expert, 5)

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        body = build_calendar(events_for(expert))
        elapsed = time.perf_counter() - started

    assert len(Calendar.from_ical(body).walk("VEVENT")) == 15
    with capsys.disabled():
        print(
            f"\nfeed of 10 reviews and 5 sessions: {elapsed * 1000:.1f} ms, {len(queries)} queries, {len(body)} bytes"
        )
