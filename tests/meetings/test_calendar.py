"""A meeting in calendars: its .ics download, and the meetings source of every personal feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from calendars.services import make_feed
from meetings.calendar_events import meeting_events
from meetings.enums import MeetingVisibility
from meetings.services import cancel_meeting, fix_meeting
from reviews.enums import ParticipantRole
from reviews.services import add_participant
from revmod.core.calendar import events_for
from tests.factories import UserFactory
from tests.factories.accounts import state
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db


def downloaded(client, meeting):
    response = client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content).walk("VEVENT")[0]


def test_a_fixed_meeting_downloads_as_one_event_in_utc(client, world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    client.force_login(world.reviewing_expert)

    response, event = downloaded(client, meeting)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    assert str(event["uid"]) == f"meeting-{meeting.pk}@revmod"
    assert event.decoded("dtstart") == meeting.fixed_slot.starts_at
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=60)
    assert str(event["summary"]) == "Dialogue call"
    assert str(event["location"]) == "https://meet.example.org/room"
    assert (event["sequence"], str(event["status"])) == (1, "CONFIRMED")


def test_the_uid_stays_and_the_sequence_grows_when_the_time_changes_or_it_is_cancelled(client, world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    client.force_login(world.expert)
    _response, first = downloaded(client, meeting)

    fix_meeting(meeting, slot=meeting.slots.order_by("starts_at").last(), user=world.focal_point)
    _response, moved = downloaded(client, meeting)
    cancel_meeting(meeting, user=world.focal_point)
    _response, cancelled = downloaded(client, meeting)

    assert str(first["uid"]) == str(moved["uid"]) == str(cancelled["uid"])
    assert [first["sequence"], moved["sequence"], cancelled["sequence"]] == [1, 2, 3]
    assert moved.decoded("dtstart") > first.decoded("dtstart")
    assert str(cancelled["status"]) == "CANCELLED"


def test_a_meeting_without_a_time_has_no_calendar_file_and_the_page_says_why(client, world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point)
    client.force_login(world.expert)

    response = client.get(reverse("meetings:calendar", args=[meeting.pk]), follow=True)

    assert response.redirect_chain == [(reverse("meetings:detail", args=[meeting.pk]), 302)]
    assert "This meeting has no time yet" in response.content.decode()


def test_the_feed_holds_the_fixed_meetings_each_person_may_see(world, make_meeting):
    everyone = make_meeting(world.review, by=world.focal_point, fixed=True, title="Everyone")
    reviewing = make_meeting(
        world.review, by=world.reviewing_focal_point, visibility=MeetingVisibility.REVIEWING, fixed=True, title="Ours"
    )
    make_meeting(world.review, by=world.focal_point, title="Not fixed")

    def uids(person) -> set[str]:
        return {event.uid for event in meeting_events(person)}

    assert uids(world.expert) == {f"meeting-{everyone.pk}"}
    assert uids(world.reviewing_expert) == {f"meeting-{everyone.pk}", f"meeting-{reviewing.pk}"}
    assert uids(world.contributor) == set()
    assert uids(world.stranger) == uids(world.stakeholder) == uids(world.nobody) == set()
    assert uids(world.secretariat) == set()  # they organised and answered none of them
    assert {event.uid for event in events_for(world.expert)} >= {f"meeting-{everyone.pk}"}


@pytest.mark.parametrize("reviews", [1, 5])
def test_the_meetings_of_a_person_in_many_reviews_come_in_one_query(
    django_assert_num_queries, make_meeting, secretariat, reviews
):
    expert = UserFactory(state=state("FRA"))
    the_cycle = cycle()
    for index in range(reviews):
        of = ["PER", "NPL", "AUS", "CHL", "JPN"][index]
        country_review = review(of=of, same_region="FRA", other_region="BRA", in_cycle=the_cycle)
        add_participant(country_review, user=expert, role=ParticipantRole.EXPERT)
        make_meeting(country_review, by=secretariat, fixed=True)

    with django_assert_num_queries(1):
        events = meeting_events(expert)

    assert len(events) == reviews


def test_the_personal_feed_holds_the_fixed_meeting_for_its_reader_only(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)

    def feed_uids(person) -> set[str]:
        token = make_feed(person).token
        response = Client().get(reverse("calendar_feed", kwargs={"token": token}))
        assert response.status_code == 200
        return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}

    assert f"meeting-{meeting.pk}@revmod" in feed_uids(world.reviewing_expert)
    assert f"meeting-{meeting.pk}@revmod" not in feed_uids(world.contributor)
