"""Writing meetings: proposing with candidate times, answering, fixing, cancelling, attendance, minutes, files.

Each refusal is a MeetingError whose message the person reads; nothing is changed then. The
permission checks are repeated here, not only in the views.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications, permissions, selectors
from meetings.enums import MeetingKind, MeetingStatus, MeetingVisibility
from meetings.models import Attendance, Meeting, MeetingFile, Slot, SlotAnswer
from reviews.file_kinds import UploadRefused, checked_kind, sha256_of
from reviews.models import CountryReview
from revmod.audit.enums import AuditAction
from revmod.audit.services import record

MIN_SLOTS = 2
MAX_SLOTS = 10
REMINDER_LEADS = {"1h": dt.timedelta(hours=1), "24h": dt.timedelta(hours=24)}  # the nearest first


class MeetingError(Exception):
    """Why a meeting cannot be proposed or changed, in words for the person who tried."""


def _check_place(kind: str, link: str, venue: str) -> None:
    if link:
        parts = urlsplit(link)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise MeetingError(_("The link must be a web address starting with https://."))
    if kind == MeetingKind.VIDEOCONFERENCE and not link:
        raise MeetingError(_("Give the link by which participants join the videoconference."))
    if kind == MeetingKind.COUNTRY_VISIT and not venue:
        raise MeetingError(_("Say where the country visit takes place."))


def _check_slots(starts: list[dt.datetime], *, now: dt.datetime) -> list[dt.datetime]:
    unique = sorted({start.astimezone(dt.UTC).replace(second=0, microsecond=0) for start in starts})
    if len(unique) < MIN_SLOTS:
        raise MeetingError(_("Propose at least two different candidate times."))
    if len(unique) > MAX_SLOTS:
        raise MeetingError(_("Propose at most %(count)d candidate times.") % {"count": MAX_SLOTS})
    if unique[0] <= now:
        raise MeetingError(_("A candidate time is in the past: choose times to come."))
    return unique


@transaction.atomic
def propose_meeting(
    review: CountryReview,
    *,
    user,
    kind: str,
    title: str,
    starts: list[dt.datetime],
    visibility: str = MeetingVisibility.ALL,
    agenda: str = "",
    link: str = "",
    venue: str = "",
    duration_minutes: int = 60,
    now: dt.datetime | None = None,
) -> Meeting:
    """Propose a meeting with two or more candidate times; those who may see it are told."""
    if visibility not in permissions.proposable_visibilities(user, review):
        raise MeetingError(_("You cannot propose this meeting in this review."))
    if kind not in MeetingKind.values:
        raise MeetingError(_("Choose the kind of meeting."))
    title = (title or "").strip()
    if not title:
        raise MeetingError(_("Give the meeting a title."))
    if not 15 <= duration_minutes <= 7 * 24 * 60:
        raise MeetingError(_("A meeting lasts between 15 minutes and a week."))
    link, venue = (link or "").strip(), (venue or "").strip()
    _check_place(kind, link, venue)
    times = _check_slots(starts, now=now or timezone.now())
    meeting = Meeting.objects.create(
        review=review,
        kind=kind,
        title=title[:200],
        agenda=(agenda or "").strip(),
        link=link,
        venue=venue[:300],
        duration_minutes=duration_minutes,
        visibility=visibility,
        organiser=user,
    )
    Slot.objects.bulk_create([Slot(meeting=meeting, starts_at=start) for start in times])
    record(
        AuditAction.MEETING_PROPOSED,
        actor=user,
        target=meeting,
        review_id=review.pk,
        data={"title": meeting.title, "visibility": visibility, "slots": [start.isoformat() for start in times]},
    )
    notifications.proposed(meeting, selectors.audience(meeting))
    return meeting


@transaction.atomic
def answer_slots(meeting: Meeting, *, user, answers: dict[int, bool]) -> int:
    """Say, for each candidate time, whether it suits; the earlier answers are replaced. Returns how many."""
    if not permissions.can_answer(user, meeting):
        raise MeetingError(_("The times of this meeting can no longer be answered."))
    slots = {slot.pk: slot for slot in meeting.slots.all()}
    if not answers or any(pk not in slots for pk in answers):
        raise MeetingError(_("Say for each time whether it suits you."))
    now = timezone.now()
    for pk, available in answers.items():
        SlotAnswer.objects.update_or_create(
            slot=slots[pk], user=user, defaults={"available": bool(available), "answered_at": now}
        )
    return len(answers)


def _changed(meeting: Meeting, fields: list[str]) -> None:
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=[*fields, "sequence", "updated_at"])


@transaction.atomic
def fix_meeting(meeting: Meeting, *, slot: Slot, user) -> Meeting:
    """Choose the time the meeting is held; everyone it concerns is told (in their calendars, a new sequence)."""
    if not permissions.can_manage(user, meeting) or meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError(_("You cannot fix the time of this meeting."))
    if slot.meeting_id != meeting.pk:
        raise MeetingError(_("Choose one of the meeting's candidate times."))
    if slot.starts_at <= timezone.now():
        raise MeetingError(_("This time has passed: choose a time to come."))
    meeting.status = MeetingStatus.FIXED
    meeting.fixed_slot = slot
    _changed(meeting, ["status", "fixed_slot"])
    record(
        AuditAction.MEETING_FIXED,
        actor=user,
        target=meeting,
        review_id=meeting.review_id,
        data={"at": slot.starts_at.isoformat(), "sequence": meeting.sequence},
    )
    notifications.fixed(meeting, [person for person in selectors.audience(meeting) if person.pk != user.pk])
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, user) -> Meeting:
    if not permissions.can_manage(user, meeting) or meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError(_("This meeting cannot be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    _changed(meeting, ["status"])
    record(AuditAction.MEETING_CANCELLED, actor=user, target=meeting, review_id=meeting.review_id)
    return meeting


def _has_started(meeting: Meeting) -> bool:
    return meeting.fixed_slot is not None and meeting.fixed_slot.starts_at <= timezone.now()


@transaction.atomic
def record_attendance(meeting: Meeting, *, attended: set[int], user) -> int:
    """Record, once the meeting has begun, who of the people it concerns took part (the others did not)."""
    if not permissions.can_manage(user, meeting) or meeting.status != MeetingStatus.FIXED:
        raise MeetingError(_("Attendance is recorded for a meeting whose time is fixed."))
    if not _has_started(meeting):
        raise MeetingError(_("Attendance is recorded once the meeting has begun."))
    people = list(selectors.audience(meeting))
    if not attended <= {person.pk for person in people}:
        raise MeetingError(_("Only the people this meeting concerns can be recorded as present."))
    now = timezone.now()
    for person in people:
        Attendance.objects.update_or_create(
            meeting=meeting,
            user=person,
            defaults={"attended": person.pk in attended, "recorded_by": user, "recorded_at": now},
        )
    record(
        AuditAction.ATTENDANCE_RECORDED,
        actor=user,
        target=meeting,
        review_id=meeting.review_id,
        data={
            "present": sorted(attended),
            "absent": sorted(person.pk for person in people if person.pk not in attended),
        },
    )
    return len(attended)


@transaction.atomic
def save_minutes(meeting: Meeting, *, text: str, user) -> Meeting:
    if not permissions.can_manage(user, meeting) or meeting.status != MeetingStatus.FIXED:
        raise MeetingError(_("Minutes are written for a meeting whose time is fixed."))
    meeting.minutes = (text or "").strip()
    meeting.minutes_by = user
    meeting.minutes_at = timezone.now()
    meeting.updated_at = meeting.minutes_at
    meeting.save(update_fields=["minutes", "minutes_by", "minutes_at", "updated_at"])
    record(
        AuditAction.MINUTES_SAVED,
        actor=user,
        target=meeting,
        review_id=meeting.review_id,
        data={"length": len(meeting.minutes)},
    )
    return meeting


def check_upload(upload: File):
    """The kind of an uploaded file (read from its bytes), or a MeetingError saying why it cannot be attached."""
    try:
        return checked_kind(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    except UploadRefused as refused:
        raise MeetingError(_refusal(refused)) from refused


def _refusal(refused: UploadRefused) -> str:
    values = refused.values
    if refused.reason == "empty":
        return _("The file is empty.")
    if refused.reason == "too_large":
        return _("The file is larger than %(limit)s, the most a meeting file may be.") % {
            "limit": filesizeformat(values["limit"])
        }
    if refused.reason == "kind":
        return _("This type of file cannot be attached. These can: %(kinds)s.") % values
    return (
        _(
            "The file's name ends in “%(extension)s” but its content is of another kind (%(kind)s): "
            "give it the right name (%(expected)s) or choose another file."
        )
        % values
    )


def add_file(meeting: Meeting, *, upload: File | None, title: str, user) -> MeetingFile:
    """Attach a file to the meeting; refused, nothing stored, when it is empty, too large or of a kind not allowed."""
    if not permissions.can_manage(user, meeting) or meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError(_("You cannot attach files to this meeting."))
    title = (title or "").strip()
    if not title:
        raise MeetingError(_("Give the file a title."))
    if upload is None:
        raise MeetingError(_("Choose the file to attach."))
    kind = check_upload(upload)
    meeting_file = MeetingFile(
        meeting=meeting,
        title=title[:300],
        token=secrets.token_urlsafe(24),
        extension=kind.extension,
        content_type=kind.content_type,
        size=upload.size,
        sha256=sha256_of(upload),
        added_by=user,
    )
    try:
        with transaction.atomic():
            meeting_file.file.save(meeting_file.token + kind.extension, upload, save=False)
            meeting_file.save()
            record(
                AuditAction.MEETING_FILE_ADDED,
                actor=user,
                target=meeting,
                review_id=meeting.review_id,
                data={"title": meeting_file.title, "size": meeting_file.size, "sha256": meeting_file.sha256},
            )
    except BaseException:
        if meeting_file.file.name:
            meeting_file.file.storage.delete(meeting_file.file.name)
        raise
    return meeting_file


def send_meeting_reminders(*, now: dt.datetime) -> int:
    """Remind the people a fixed meeting concerns a day and an hour before it; return how many were told.

    Only the nearest reminder is sent (a meeting fixed 30 minutes ahead gets the hour's, not the
    day's). The key names the meeting, its fixed slot and the lead, so running twice sends nothing
    twice, and a meeting moved to another slot is reminded again.
    """
    horizon = now + max(REMINDER_LEADS.values())
    upcoming = Meeting.objects.filter(
        status=MeetingStatus.FIXED, fixed_slot__starts_at__gt=now, fixed_slot__starts_at__lte=horizon
    ).select_related("fixed_slot", "organiser", "review__state")
    sent = 0
    for meeting in upcoming:
        assert meeting.fixed_slot is not None  # filtered above
        ahead = meeting.fixed_slot.starts_at - now
        lead = next(name for name, delta in REMINDER_LEADS.items() if ahead <= delta)
        key = f"meeting-reminder:{meeting.pk}:{meeting.fixed_slot_id}:{lead}"
        sent += len(notifications.reminder(meeting, selectors.audience(meeting), key=key))
    return sent
