"""Proposing, answering, fixing, cancelling, attendance, minutes and files: the rules, the audit, who is told."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from meetings import services
from meetings.enums import MeetingKind, MeetingStatus, MeetingVisibility
from meetings.models import Attendance, Meeting, SlotAnswer
from reviews.enums import Step
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db


def propose(world, *, by=None, **overrides):
    arguments = {
        "user": by or world.secretariat,
        "kind": MeetingKind.VIDEOCONFERENCE,
        "title": "Dialogue call",
        "starts": [later(48), later(72)],
        "link": "https://meet.example.org/room",
    }
    return services.propose_meeting(world.review, **(arguments | overrides))


def told(kind) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_proposing_tells_everyone_who_reads_the_dialogue_but_the_organiser_and_the_contributors(world):
    meeting = propose(world, by=world.focal_point)

    assert meeting.status == MeetingStatus.PROPOSED
    assert meeting.slots.count() == 2
    expected = {world.expert, world.reviewing_expert, world.reviewing_focal_point, world.observer}
    assert told(NotificationKind.MEETING_PROPOSED) == {person.pk for person in expected}
    entry = AuditEntry.objects.get(action=AuditAction.MEETING_PROPOSED)
    assert (entry.actor, entry.review_id) == (world.focal_point, world.review.pk)


def test_a_reviewing_side_meeting_is_told_only_to_the_reviewing_side(world):
    propose(world, by=world.reviewing_focal_point, visibility=MeetingVisibility.REVIEWING)

    assert told(NotificationKind.MEETING_PROPOSED) == {world.reviewing_expert.pk, world.observer.pk}


@pytest.mark.parametrize("who", ["expert", "reviewing_expert", "observer", "contributor", "stranger", "stakeholder"])
def test_only_the_secretariat_and_focal_points_propose(world, who):
    with pytest.raises(services.MeetingError):
        propose(world, by=getattr(world, who))

    assert not Meeting.objects.exists()


def test_the_reviewed_focal_point_cannot_propose_a_reviewing_side_meeting(world):
    with pytest.raises(services.MeetingError):
        propose(world, by=world.focal_point, visibility=MeetingVisibility.REVIEWING)


def test_nobody_proposes_in_a_finalized_review(world):
    world.review.step = Step.FINALIZED
    world.review.save(update_fields=["step"])

    with pytest.raises(services.MeetingError):
        propose(world)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts": [later(48)]}, "Propose at least two different candidate times."),
        ({"starts": [later(48), later(48)]}, "Propose at least two different candidate times."),
        ({"starts": [later(-1), later(48)]}, "A candidate time is in the past: choose times to come."),
        ({"link": "javascript:alert(1)"}, "The link must be a web address starting with https://."),
        ({"link": ""}, "Give the link by which participants join the videoconference."),
        ({"kind": MeetingKind.COUNTRY_VISIT, "link": ""}, "Say where the country visit takes place."),
        ({"title": "  "}, "Give the meeting a title."),
        ({"duration_minutes": 5}, "A meeting lasts between 15 minutes and a week."),
    ],
)
def test_bad_proposals_are_refused_with_a_reason_and_change_nothing(world, overrides, message):
    with pytest.raises(services.MeetingError) as refused:
        propose(world, **overrides)

    assert str(refused.value) == message
    assert not Meeting.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.MEETING_PROPOSED).exists()


def test_answers_replace_the_earlier_ones_and_observers_cannot_answer(world, make_meeting):
    meeting = make_meeting(world.review, by=world.secretariat)
    first, second = meeting.slots.order_by("starts_at")

    services.answer_slots(meeting, user=world.expert, answers={first.pk: True, second.pk: False})
    services.answer_slots(meeting, user=world.expert, answers={first.pk: False})
    with pytest.raises(services.MeetingError):
        services.answer_slots(meeting, user=world.observer, answers={first.pk: True})
    with pytest.raises(services.MeetingError):
        services.answer_slots(meeting, user=world.contributor, answers={first.pk: True})

    assert dict(SlotAnswer.objects.values_list("slot_id", "available")) == {first.pk: False, second.pk: False}


def test_a_slot_of_another_meeting_is_refused(world, make_meeting):
    meeting = make_meeting(world.review, by=world.secretariat)
    other = make_meeting(world.review, by=world.secretariat)

    with pytest.raises(services.MeetingError):
        services.answer_slots(meeting, user=world.expert, answers={other.slots.first().pk: True})
    with pytest.raises(services.MeetingError):
        services.fix_meeting(meeting, slot=other.slots.first(), user=world.secretariat)


def test_fixing_tells_the_participants_and_moves_the_calendar_sequence(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point)
    slot = meeting.slots.order_by("starts_at").last()

    services.fix_meeting(meeting, slot=slot, user=world.focal_point)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.fixed_slot, meeting.sequence) == (MeetingStatus.FIXED, slot, 1)
    expected = {world.expert, world.reviewing_expert, world.reviewing_focal_point, world.observer}
    assert told(NotificationKind.MEETING_FIXED) == {person.pk for person in expected}
    notification = Notification.objects.filter(kind=NotificationKind.MEETING_FIXED).first()
    assert notification.data["at"] == slot.starts_at.isoformat()
    assert notification.data["title"] == "Dialogue call"
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_FIXED, target_id=str(meeting.pk)).count() == 1


@pytest.mark.parametrize("who", ["expert", "reviewing_focal_point", "observer"])
def test_only_the_organiser_or_the_secretariat_fix_and_cancel(world, make_meeting, who):
    meeting = make_meeting(world.review, by=world.focal_point)

    with pytest.raises(services.MeetingError):
        services.fix_meeting(meeting, slot=meeting.slots.first(), user=getattr(world, who))
    with pytest.raises(services.MeetingError):
        services.cancel_meeting(meeting, user=getattr(world, who))

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.PROPOSED, 0)


def test_cancelling_moves_the_sequence_and_is_recorded(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)

    services.cancel_meeting(meeting, user=world.secretariat)

    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 2)
    assert AuditEntry.objects.filter(action=AuditAction.MEETING_CANCELLED).count() == 1
    with pytest.raises(services.MeetingError):
        services.fix_meeting(meeting, slot=meeting.slots.first(), user=world.secretariat)


def started(meeting) -> None:
    slot = meeting.fixed_slot
    slot.starts_at = timezone.now() - dt.timedelta(minutes=30)
    slot.save(update_fields=["starts_at"])


def test_attendance_is_recorded_once_the_meeting_began_for_the_people_it_concerns(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    with pytest.raises(services.MeetingError):
        services.record_attendance(meeting, attended={world.expert.pk}, user=world.focal_point)
    started(meeting)
    with pytest.raises(services.MeetingError):
        services.record_attendance(meeting, attended={world.contributor.pk}, user=world.focal_point)

    services.record_attendance(meeting, attended={world.expert.pk, world.reviewing_expert.pk}, user=world.focal_point)

    present = set(Attendance.objects.filter(attended=True).values_list("user_id", flat=True))
    absent = set(Attendance.objects.filter(attended=False).values_list("user_id", flat=True))
    assert present == {world.expert.pk, world.reviewing_expert.pk}
    assert absent == {world.focal_point.pk, world.reviewing_focal_point.pk, world.observer.pk}
    assert AuditEntry.objects.filter(action=AuditAction.ATTENDANCE_RECORDED).count() == 1


def test_minutes_are_written_by_the_organiser_and_recorded(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    with pytest.raises(services.MeetingError):
        services.save_minutes(meeting, text="Mine", user=world.expert)

    services.save_minutes(meeting, text="  Agreed on the observations.  ", user=world.focal_point)

    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.minutes_by) == ("Agreed on the observations.", world.focal_point)
    assert AuditEntry.objects.filter(action=AuditAction.MINUTES_SAVED).count() == 1
