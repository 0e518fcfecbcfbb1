"""Who hears of a meeting: when it is proposed, when its time is fixed, and before it starts."""

from __future__ import annotations

from meetings.models import Meeting
from reviews.notifications import english_url, review_data
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import notify


def meeting_url(meeting: Meeting) -> str:
    return english_url("meetings:detail", pk=meeting.pk)


def _data(meeting: Meeting, **extra) -> dict:
    at = meeting.fixed_slot.starts_at.isoformat() if meeting.fixed_slot else ""
    return review_data(meeting.review, person=meeting.organiser.full_name, title=meeting.title, at=at) | extra


def proposed(meeting: Meeting, users) -> None:
    notify(
        [user for user in users if user.pk != meeting.organiser_id],
        NotificationKind.MEETING_PROPOSED,
        url=meeting_url(meeting),
        review_id=meeting.review_id,
        data=_data(meeting),
    )


def fixed(meeting: Meeting, users) -> None:
    notify(
        users,
        NotificationKind.MEETING_FIXED,
        url=meeting_url(meeting),
        review_id=meeting.review_id,
        data=_data(meeting),
        key=f"meeting-fixed:{meeting.pk}:{meeting.sequence}",
    )


def reminder(meeting: Meeting, users, *, key: str) -> list:
    return notify(
        users,
        NotificationKind.MEETING_REMINDER,
        url=meeting_url(meeting),
        review_id=meeting.review_id,
        data=_data(meeting),
        key=key,
    )
