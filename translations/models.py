"""Translation requests, translators per language and review, and the translations with their history.

A translation is one text unit of a review (an answer's text, a citation's title, a feedback, an
observation, a summary) in one language. It keeps the source text it was made from and its hash,
so a later change of the source shows as "outdated", with what changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from translations.enums import TranslationScope, TranslationStatus

SOURCES = ("answer", "feedback", "observation", "summary")


class TranslatorGrant(models.Model):
    """The secretariat lets a person translate one review's texts into one language.

    The grant opens nothing of the review itself: a translator reads only the units of the
    requests assigned to them.
    """

    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="translator_grants")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    is_active = models.BooleanField(_("active"), default=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "language", "granted_at"]
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user", "language"], condition=Q(is_active=True), name="one_active_translator_grant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.language} · {self.review}"


class TranslationRequest(models.Model):
    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("what to translate"), max_length=20, choices=TranslationScope.choices)
    language = models.CharField(_("into"), max_length=10, choices=settings.LANGUAGES)
    questionnaire = models.ForeignKey(
        "reviews.Questionnaire", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    section = models.ForeignKey("reviews.Section", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    feedback = models.ForeignKey("reviews.Feedback", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    observation_list = models.ForeignKey(
        "reviews.ObservationList", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translation_requests",
        verbose_name=_("translator"),
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        indexes = [models.Index(fields=["translator", "review"])]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} → {self.language} · {self.review}"


class Translation(models.Model):
    request = models.ForeignKey(TranslationRequest, on_delete=models.CASCADE, related_name="translations")
    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # The source: exactly one of these, and for an answer the part of it ("text", or "title:N" for a citation).
    answer = models.ForeignKey("reviews.Answer", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    feedback = models.ForeignKey("reviews.Feedback", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    observation = models.ForeignKey(
        "reviews.Observation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    summary = models.ForeignKey("reviews.Summary", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    part = models.CharField(max_length=40, default="text")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("translation"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TranslationStatus.choices, default=TranslationStatus.REQUESTED
    )
    source_text = models.TextField(_("source text translated"), blank=True)
    source_hash = models.CharField(max_length=64)
    version = models.PositiveIntegerField(_("version"), default=0)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    machine_draft = models.BooleanField(_("machine draft"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "order", "pk"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(answer__isnull=False, feedback__isnull=True, observation__isnull=True, summary__isnull=True)
                    | Q(answer__isnull=True, feedback__isnull=False, observation__isnull=True, summary__isnull=True)
                    | Q(answer__isnull=True, feedback__isnull=True, observation__isnull=False, summary__isnull=True)
                    | Q(answer__isnull=True, feedback__isnull=True, observation__isnull=True, summary__isnull=False)
                ),
                name="translation_has_one_source",
            ),
            *(
                models.UniqueConstraint(fields=[source, "part", "language"], name=f"one_translation_per_{source}")
                for source in SOURCES
            ),
        ]
        indexes = [models.Index(fields=["review", "language"])]

    def __str__(self) -> str:
        return f"{self.unit_key} → {self.language}"

    @property
    def source_kind(self) -> str:
        return next(source for source in SOURCES if getattr(self, f"{source}_id") is not None)

    @property
    def unit_key(self) -> str:
        """The text unit, the same whatever the language: "answer:12:text", "answer:12:title:0", "summary:3:text"."""
        kind = self.source_kind
        return f"{kind}:{getattr(self, f'{kind}_id')}:{self.part}"


class TranslationRevision(models.Model):
    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("translation"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The author asked a machine for this text: the history tells it from what a person wrote.
    machine_draft = models.BooleanField(_("machine draft"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["translation", "-number"]
        verbose_name = _("translation revision")
        verbose_name_plural = _("translation revisions")
        constraints = [models.UniqueConstraint(fields=["translation", "number"], name="unique_translation_revision")]

    def __str__(self) -> str:
        return f"{self.translation} v{self.number}"


class ReadingChoice(models.Model):
    """The language a person reads one review in: a translation's language, or "" for the original."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("read in"), max_length=10, choices=settings.LANGUAGES, blank=True)
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reading choice")
        verbose_name_plural = _("reading choices")
        constraints = [models.UniqueConstraint(fields=["user", "review"], name="one_reading_choice")]

    def __str__(self) -> str:
        return f"{self.user} · {self.review} · {self.language or 'original'}"
