"""The meetings of a review's direct dialogue: candidate slots, answers, the fixed time, attendance, minutes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.enums import MeetingKind, MeetingStatus, MeetingVisibility


class Meeting(models.Model):
    """A videoconference, country visit or other meeting of one review, proposed with candidate slots.

    ``sequence`` grows each time the organiser fixes, changes or cancels it, so calendar clients
    replace the entry they already hold (RFC 5545 SEQUENCE).
    """

    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    link = models.URLField(_("link to join"), max_length=500, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), default=60, validators=[MinValueValidator(15), MaxValueValidator(7 * 24 * 60)]
    )
    visibility = models.CharField(
        _("who sees it"), max_length=10, choices=MeetingVisibility.choices, default=MeetingVisibility.ALL
    )
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED)
    fixed_slot = models.ForeignKey("Slot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sequence = models.PositiveIntegerField(default=0, editable=False)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "-created_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["status", "review"])]

    def __str__(self) -> str:
        return self.title


class Slot(models.Model):
    """A candidate time of a meeting, stored in UTC."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))

    class Meta:
        ordering = ["meeting", "starts_at"]
        verbose_name = _("candidate time")
        verbose_name_plural = _("candidate times")
        constraints = [models.UniqueConstraint(fields=["meeting", "starts_at"], name="one_slot_per_time")]

    def __str__(self) -> str:
        return self.starts_at.isoformat()


class SlotAnswer(models.Model):
    """Whether one participant can take part at one candidate time."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    available = models.BooleanField(_("available"))
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["slot", "user"], name="one_answer_per_slot_and_person")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.slot_id}: {self.available}"


class Attendance(models.Model):
    """Who took part in a meeting, recorded afterwards by its organiser."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField(_("attended"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_person")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.meeting_id}: {self.attended}"


def meeting_file_path(meeting_file: MeetingFile, filename: str) -> str:
    """Under MEDIA_ROOT, by review, named by a random token: never the uploader's file name."""
    return f"meetings/{meeting_file.meeting.review_id}/{meeting_file.token}{meeting_file.extension}"


class MeetingFile(models.Model):
    """A file attached to a meeting (presentations, the signed minutes); downloaded only through a checked view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=meeting_file_path, max_length=300)
    token = models.CharField(max_length=64, unique=True, editable=False)
    extension = models.CharField(max_length=10, editable=False)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "added_at", "pk"]
        verbose_name = _("meeting file")
        verbose_name_plural = _("meeting files")

    def __str__(self) -> str:
        return self.title
