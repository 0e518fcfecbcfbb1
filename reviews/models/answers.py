"""Answers to the questionnaire of a review, with every revision kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.enums import AnswerStatus
from reviews.models.questionnaires import Question
from reviews.models.reviews import CountryReview


class Answer(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("answer"), default=None, null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.NOT_STARTED
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)

    # Not columns: set by the services when an edit took back the answer's clearance, and by the
    # selectors that prefetch the evidence files the answer carries now.
    clearance_withdrawn: bool
    current_evidence: list[Evidence]

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["review", "question"], name="one_answer_per_question")]
        # Covers the counts of answered questions across reviews (insights.analytics): no table read.
        indexes = [models.Index(fields=["review", "status", "question"], name="answer_review_status_question")]

    def __str__(self) -> str:
        return f"{self.review} · {self.question.number}"


class AnswerRevision(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    value = models.JSONField(_("answer"), null=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Chosen by the page for each attempt to save: a retried attempt stores nothing new.
    idempotency_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["answer", "-number"]
        verbose_name = _("answer revision")
        verbose_name_plural = _("answer revisions")
        constraints = [
            models.UniqueConstraint(fields=["answer", "number"], name="unique_answer_revision"),
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_answer_revision_per_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} r{self.number}"


def evidence_path(evidence: Evidence, filename: str) -> str:
    """Under MEDIA_ROOT, by review, named by a random token: never the uploader's file name."""
    return f"evidence/{evidence.answer.review_id}/{evidence.token}{evidence.extension}"


class Evidence(models.Model):
    """A file an answer carries: a law's text, a report, a judgment. Never deleted, only withdrawn.

    Downloaded only through a view that checks that the reader may read the answer; a withdrawn
    file stays in the answer's history.
    """

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    token = models.CharField(max_length=64, unique=True, editable=False)
    extension = models.CharField(max_length=10, editable=False)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    added_in_revision = models.PositiveIntegerField(_("added with revision"), default=0)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["answer", "added_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        indexes = [models.Index(fields=["answer", "removed_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
