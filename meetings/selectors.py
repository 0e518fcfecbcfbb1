"""Reading meetings: a review's list, one meeting's page, the people it concerns, a person's calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from meetings import permissions
from meetings.enums import MeetingStatus
from meetings.models import Attendance, Meeting, MeetingFile, Slot, SlotAnswer
from meetings.times import ShownTime, shown
from reviews.models import CountryReview
from revmod.accounts.enums import GlobalRole


def meetings_of_review(user, review: CountryReview) -> QuerySet[Meeting]:
    """The meetings of ``review`` that ``user`` may see, the newest first, each with ``slot_count``."""
    if not permissions.can_see_meetings(user, review):
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(review=review, visibility__in=permissions.visible_visibilities(user, review))
        .select_related("fixed_slot", "organiser")
        .annotate(slot_count=Count("slots"))
        .order_by("-created_at", "-pk")
    )


def get_meeting_for_user(user, pk: int) -> Meeting:
    """The meeting with its review, or 404 when it does not exist or the user may not see it."""
    meeting = (
        Meeting.objects.select_related("review__state", "review__cycle", "organiser", "fixed_slot", "minutes_by")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not permissions.can_see(user, meeting):
        raise Http404
    return meeting


def audience(meeting: Meeting) -> QuerySet:
    """Who the meeting concerns: the participants who may see it, and the secretariat staff who took it up.

    Every member of the secretariat may see every meeting; only those who organise it or answered
    its slots are told of it and listed for attendance.
    """
    took_part = Q(pk=meeting.organiser_id) | Q(
        pk__in=SlotAnswer.objects.filter(slot__meeting=meeting).values("user_id")
    )
    secretariat = Q(global_role=GlobalRole.SECRETARIAT) & took_part
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(permissions.audience_condition(meeting) | secretariat)
        .order_by("full_name", "pk")
    )


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    when: ShownTime | None  # the fixed time, in the reader's zone and UTC


def meeting_rows(meetings, zone: ZoneInfo) -> list[MeetingRow]:
    return [
        MeetingRow(meeting, shown(meeting.fixed_slot.starts_at, zone) if meeting.fixed_slot else None)
        for meeting in meetings
    ]


@dataclass
class SlotView:
    slot: Slot
    shown: ShownTime
    available: list = field(default_factory=list)
    unavailable: list = field(default_factory=list)
    mine: bool | None = None


@dataclass
class MeetingPage:
    meeting: Meeting
    slots: list[SlotView]
    files: list[MeetingFile]
    attendance: list[Attendance]
    people: list  # the audience, for recording attendance


def meeting_page(meeting: Meeting, *, user, zone: ZoneInfo, with_people: bool) -> MeetingPage:
    """Everything a meeting's page shows, in a fixed number of queries."""
    slots = list(
        meeting.slots.prefetch_related(
            Prefetch("answers", queryset=SlotAnswer.objects.select_related("user").order_by("user__full_name"))
        )
    )
    views = []
    for slot in slots:
        view = SlotView(slot, shown(slot.starts_at, zone))
        for answer in slot.answers.all():
            (view.available if answer.available else view.unavailable).append(answer.user)
            if answer.user_id == user.pk:
                view.mine = answer.available
        views.append(view)
    return MeetingPage(
        meeting=meeting,
        slots=views,
        files=list(meeting.files.select_related("added_by")),
        attendance=list(meeting.attendance.select_related("user")),
        people=list(audience(meeting)) if with_people else [],
    )


def get_file_for_user(user, meeting_pk: int, file_pk: int) -> MeetingFile:
    meeting = get_meeting_for_user(user, meeting_pk)
    meeting_file = MeetingFile.objects.filter(meeting=meeting, pk=file_pk).first()
    if meeting_file is None:
        raise Http404
    meeting_file.meeting = meeting
    return meeting_file


def fixed_meetings_for(user) -> QuerySet[Meeting]:
    """The meetings with a time that the user may see (cancelled ones too, so calendars drop them): one query."""
    return (
        permissions.meetings_visible_to(user)
        .filter(fixed_slot__isnull=False, status__in=[MeetingStatus.FIXED, MeetingStatus.CANCELLED])
        .select_related("fixed_slot", "review__state")
        .order_by("fixed_slot__starts_at", "pk")
    )
