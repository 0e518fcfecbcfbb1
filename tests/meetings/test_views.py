"""Every meeting address with everyone: those who may see the meeting, and those who get 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.enums import MeetingStatus, MeetingVisibility
from meetings.models import Attendance, Meeting, MeetingFile, SlotAnswer
from meetings.services import add_file
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db

PEOPLE = (
    "secretariat",
    "focal_point",
    "expert",
    "reviewing_expert",
    "reviewing_focal_point",
    "observer",
    "contributor",
    "other_contributor",
    "stranger",
    "stakeholder",
    "nobody",
    "anonymous",
)
SEE_ALL = {"secretariat", "focal_point", "expert", "reviewing_expert", "reviewing_focal_point", "observer"}
SEE_REVIEWING = {"secretariat", "reviewing_expert", "reviewing_focal_point", "observer"}
ANSWER = SEE_ALL - {"observer"}


def sign_in_as(client, world, person: str) -> None:
    if person != "anonymous":
        client.force_login(getattr(world, person))


def refused_to_anonymous(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def pdf(name: str = "minutes.pdf", size: int = 0) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n" + b"x" * max(size, 10)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def meeting(world, make_meeting):
    return make_meeting(world.review, by=world.focal_point)


@pytest.fixture
def fixed(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    add_file(meeting, upload=pdf(), title="Presentation", user=world.focal_point)
    return meeting


@pytest.mark.parametrize("visibility", [MeetingVisibility.ALL, MeetingVisibility.REVIEWING])
@pytest.mark.parametrize("person", PEOPLE)
def test_the_meeting_page_its_file_and_calendar_are_for_those_who_may_see_it(
    client, world, make_meeting, person, visibility
):
    organiser = world.focal_point if visibility == MeetingVisibility.ALL else world.reviewing_focal_point
    meeting = make_meeting(world.review, by=organiser, visibility=visibility, fixed=True)
    meeting_file = add_file(meeting, upload=pdf(), title="Presentation", user=organiser)
    sign_in_as(client, world, person)
    allowed = SEE_ALL if visibility == MeetingVisibility.ALL else SEE_REVIEWING

    responses = [
        client.get(reverse("meetings:detail", args=[meeting.pk])),
        client.get(reverse("meetings:download_file", args=[meeting.pk, meeting_file.pk])),
        client.get(reverse("meetings:calendar", args=[meeting.pk])),
    ]

    if person == "anonymous":
        assert all(refused_to_anonymous(response) for response in responses)
    else:
        assert [response.status_code for response in responses] == [200 if person in allowed else 404] * 3


@pytest.mark.parametrize("person", PEOPLE)
def test_the_list_of_a_review_meetings_is_for_those_who_read_the_dialogue(client, world, meeting, person):
    sign_in_as(client, world, person)

    response = client.get(reverse("meetings:list", args=[world.review.pk]))

    if person == "anonymous":
        assert refused_to_anonymous(response)
    else:
        assert response.status_code == (200 if person in SEE_ALL else 404)


def test_the_reviewed_side_does_not_see_the_reviewing_side_meetings_in_the_list(client, world, make_meeting):
    make_meeting(world.review, by=world.reviewing_focal_point, visibility=MeetingVisibility.REVIEWING, title="Ours")
    make_meeting(world.review, by=world.focal_point, title="Everyone's")
    client.force_login(world.expert)

    body = client.get(reverse("meetings:list", args=[world.review.pk])).content.decode()

    assert "Everyone&#x27;s" in body
    assert "Ours" not in body


PROPOSERS = {"secretariat", "focal_point", "reviewing_focal_point"}


def proposal(**overrides) -> dict:
    local = "%Y-%m-%dT%H:%M"
    data = {
        "title": "Dialogue call",
        "kind": "videoconference",
        "visibility": "all",
        "agenda": "1. Observations",
        "link": "https://meet.example.org/room",
        "duration_minutes": "90",
        "slot_1": later(48).strftime(local),
        "slot_2": later(72).strftime(local),
    }
    return data | overrides


@pytest.mark.parametrize("person", PEOPLE)
def test_proposing_is_for_the_secretariat_and_the_focal_points(client, world, person):
    sign_in_as(client, world, person)
    url = reverse("meetings:propose", args=[world.review.pk])

    page = client.get(url)
    response = client.post(url, proposal())

    if person == "anonymous":
        assert refused_to_anonymous(page)
        assert refused_to_anonymous(response)
    elif person in PROPOSERS:
        assert page.status_code == 200
        meeting = Meeting.objects.get()
        assert response.url == reverse("meetings:detail", args=[meeting.pk])
        assert (meeting.organiser, meeting.duration_minutes) == (getattr(world, person), 90)
    else:
        assert (page.status_code, response.status_code) == (404, 404)
    assert Meeting.objects.count() == (1 if person in PROPOSERS else 0)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slot_2": ""}, "Propose at least two different candidate times."),
        ({"slot_1": (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}, "in the past"),
        ({"link": "not a link"}, "Enter a valid URL."),
        ({"visibility": "reviewing"}, "Select a valid choice."),
        ({"slot_1": "tomorrow"}, "Enter a valid date/time."),
    ],
)
def test_a_bad_proposal_is_shown_again_with_its_reason_and_nothing_is_made(client, world, overrides, message):
    client.force_login(world.focal_point)

    response = client.post(reverse("meetings:propose", args=[world.review.pk]), proposal(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_bad_proposal_is_explained_in_the_person_language(client, world):
    client.force_login(world.focal_point)

    response = client.post(f"/fr/meetings/reviews/{world.review.pk}/propose/", proposal(link="pas un lien"))

    assert response.status_code == 400
    assert "Saisissez une URL valide." in response.content.decode()


def test_candidate_times_are_typed_in_the_proposer_zone(client, world):
    world.focal_point.time_zone = "Asia/Kathmandu"
    world.focal_point.save(update_fields=["time_zone"])
    client.force_login(world.focal_point)
    day = (timezone.now() + dt.timedelta(days=10)).date()

    client.post(
        reverse("meetings:propose", args=[world.review.pk]),
        proposal(slot_1=f"{day}T09:00", slot_2=f"{day}T10:00"),
    )

    starts = list(Meeting.objects.get().slots.values_list("starts_at", flat=True))
    assert [start.strftime("%H:%M") for start in starts] == ["03:15", "04:15"]


def test_a_time_that_does_not_exist_in_the_proposer_zone_is_refused(client, world):
    world.focal_point.time_zone = "Europe/Paris"
    world.focal_point.save(update_fields=["time_zone"])
    client.force_login(world.focal_point)
    year = timezone.now().year + 1
    # The last Sunday of March, 02:30: clocks in Paris jump from 02:00 to 03:00.
    sunday = max(dt.date(year, 3, day) for day in range(25, 32) if dt.date(year, 3, day).weekday() == 6)

    response = client.post(reverse("meetings:propose", args=[world.review.pk]), proposal(slot_1=f"{sunday}T02:30"))

    assert response.status_code == 400
    assert "it may be ambiguous or it may not exist" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("person", PEOPLE)
def test_answering_is_for_those_who_see_the_meeting_but_observers(client, world, meeting, person):
    first, second = meeting.slots.order_by("starts_at")
    sign_in_as(client, world, person)

    response = client.post(
        reverse("meetings:answer", args=[meeting.pk]), {f"slot_{first.pk}": "yes", f"slot_{second.pk}": "no"}
    )

    if person == "anonymous":
        assert refused_to_anonymous(response)
    elif person in ANSWER:
        assert response.status_code == 302
    else:
        assert response.status_code == (400 if person in SEE_ALL else 404)
    assert SlotAnswer.objects.count() == (2 if person in ANSWER else 0)


def test_the_answers_show_who_suits_each_time(client, world, meeting):
    first, second = meeting.slots.order_by("starts_at")
    client.force_login(world.expert)
    client.post(reverse("meetings:answer", args=[meeting.pk]), {f"slot_{first.pk}": "yes", f"slot_{second.pk}": "no"})
    client.force_login(world.reviewing_expert)

    body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()

    assert f"1: {world.expert.full_name}" in body


MANAGERS = {"secretariat", "focal_point"}


@pytest.mark.parametrize("person", PEOPLE)
def test_fixing_is_for_the_organiser_and_the_secretariat(client, world, meeting, person):
    slot = meeting.slots.order_by("starts_at").last()
    sign_in_as(client, world, person)

    response = client.post(reverse("meetings:fix", args=[meeting.pk]), {"slot": slot.pk})

    if person == "anonymous":
        assert refused_to_anonymous(response)
    else:
        assert response.status_code == (302 if person in MANAGERS else 400 if person in SEE_ALL else 404)
    meeting.refresh_from_db()
    assert meeting.fixed_slot_id == (slot.pk if person in MANAGERS else None)


@pytest.mark.parametrize("person", PEOPLE)
def test_cancelling_is_for_the_organiser_and_the_secretariat(client, world, meeting, person):
    sign_in_as(client, world, person)

    response = client.post(reverse("meetings:cancel", args=[meeting.pk]))

    if person == "anonymous":
        assert refused_to_anonymous(response)
    else:
        assert response.status_code == (302 if person in MANAGERS else 400 if person in SEE_ALL else 404)
    meeting.refresh_from_db()
    assert meeting.status == (MeetingStatus.CANCELLED if person in MANAGERS else MeetingStatus.PROPOSED)


@pytest.mark.parametrize("person", PEOPLE)
def test_attendance_and_minutes_are_for_the_organiser_and_the_secretariat(client, world, fixed, person):
    fixed.fixed_slot.starts_at = timezone.now() - dt.timedelta(hours=1)
    fixed.fixed_slot.save(update_fields=["starts_at"])
    sign_in_as(client, world, person)

    attendance = client.post(reverse("meetings:attendance", args=[fixed.pk]), {"present": [world.expert.pk]})
    minutes = client.post(reverse("meetings:minutes", args=[fixed.pk]), {"minutes": "Agreed."})

    if person == "anonymous":
        assert refused_to_anonymous(attendance)
        assert refused_to_anonymous(minutes)
    else:
        expected = 302 if person in MANAGERS else 400 if person in SEE_ALL else 404
        assert (attendance.status_code, minutes.status_code) == (expected, expected)
    fixed.refresh_from_db()
    assert Attendance.objects.filter(attended=True).count() == (1 if person in MANAGERS else 0)
    assert fixed.minutes == ("Agreed." if person in MANAGERS else "")


@pytest.mark.parametrize("person", PEOPLE)
def test_attaching_files_is_for_the_organiser_and_the_secretariat(client, world, meeting, person):
    sign_in_as(client, world, person)

    response = client.post(reverse("meetings:add_file", args=[meeting.pk]), {"title": "Agenda", "file": pdf()})

    if person == "anonymous":
        assert refused_to_anonymous(response)
    else:
        assert response.status_code == (302 if person in MANAGERS else 400 if person in SEE_ALL else 404)
    assert MeetingFile.objects.count() == (1 if person in MANAGERS else 0)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("script.exe", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf"), "type"),
        (SimpleUploadedFile("notes.pdf", b"plain words", content_type="application/pdf"), "ends in"),
        (SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"), "The submitted file is empty."),
    ],
)
def test_a_wrong_file_is_refused_with_its_reason(client, world, meeting, upload, message):
    client.force_login(world.focal_point)

    response = client.post(reverse("meetings:add_file", args=[meeting.pk]), {"title": "Agenda", "file": upload})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MeetingFile.objects.exists()


def test_a_file_too_large_is_refused(client, world, meeting, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    client.force_login(world.focal_point)

    response = client.post(reverse("meetings:add_file", args=[meeting.pk]), {"title": "Agenda", "file": pdf(size=200)})

    assert response.status_code == 400
    assert "the most a meeting file may be" in response.content.decode()
    assert not MeetingFile.objects.exists()


def test_a_file_is_stored_under_a_token_and_served_only_by_the_checked_view(client, world, fixed):
    meeting_file = fixed.files.get()
    client.force_login(world.reviewing_expert)

    response = client.get(reverse("meetings:download_file", args=[fixed.pk, meeting_file.pk]))

    assert meeting_file.file.name == f"meetings/{world.review.pk}/{meeting_file.token}.pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Presentation.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_file_of_another_meeting_is_not_found_through_this_one(client, world, fixed, make_meeting):
    other = make_meeting(world.review, by=world.focal_point)
    client.force_login(world.focal_point)

    response = client.get(reverse("meetings:download_file", args=[other.pk, fixed.files.get().pk]))

    assert response.status_code == 404


def test_each_participant_reads_the_fixed_time_in_their_own_zone_and_in_utc(client, world, make_meeting):
    meeting = make_meeting(world.review, by=world.secretariat, fixed=True)
    slot = meeting.fixed_slot
    slot.starts_at = dt.datetime(2099, 3, 2, 14, 0, tzinfo=dt.UTC)
    slot.save(update_fields=["starts_at"])
    zones = {
        world.focal_point: "America/Lima",
        world.expert: "Europe/Paris",
        world.reviewing_expert: "Asia/Kathmandu",
        world.reviewing_focal_point: "",  # Brazil's capital zone, by default
    }
    for person, zone in zones.items():
        person.time_zone = zone
        person.save(update_fields=["time_zone"])

    seen = {}
    for person in zones:
        client.force_login(person)
        body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
        seen[person] = body.split('id="slots-title"')[0].split("<dt>Time</dt>")[1].split("</dd>")[0]

    assert '<time datetime="2099-03-02T14:00:00+00:00">' in seen[world.focal_point]
    assert "Mon March 2, 2099, 9 a.m." in seen[world.focal_point]
    assert "(Lima, UTC\u22125)" in seen[world.focal_point]
    assert "Mon March 2, 2099, 3 p.m." in seen[world.expert]
    assert "(Paris, UTC+1)" in seen[world.expert]
    assert "Mon March 2, 2099, 7:45 p.m." in seen[world.reviewing_expert]
    assert "(Kathmandu, UTC+5:45)" in seen[world.reviewing_expert]
    assert "(São Paulo, UTC\u22123)" in seen[world.reviewing_focal_point]
    assert all("2 p.m. UTC" in text for text in seen.values())


def test_the_organiser_page_gives_every_element_its_own_id(client, world, meeting):
    """The answer form (a field per slot, "slot_<pk>") and the fix form (one field "slot") share a page."""
    client.force_login(world.focal_point)
    html = client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    fix_labels = re.findall(r'<label for="(fix_[^"]+)"', html)

    assert [name for name in set(ids) if ids.count(name) > 1] == []
    assert len(fix_labels) == 2
    assert all(name in ids for name in fix_labels)
