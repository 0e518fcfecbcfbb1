"""What a review produces: written feedback, lists of observations and the summary."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.enums import ObservationCategory, OutputStatus
from reviews.models.questionnaires import Article, Question
from reviews.models.reviews import CountryReview


class Feedback(models.Model):
    """Written feedback of one reviewing State on the submitted questionnaire."""

    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="feedback")
    reviewing_state = models.ForeignKey("states.MemberState", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("feedback"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("written feedback")
        verbose_name_plural = _("written feedback")
        constraints = [models.UniqueConstraint(fields=["review", "reviewing_state"], name="one_feedback_per_state")]

    def __str__(self) -> str:
        return f"{self.reviewing_state} → {self.review}"


class AgreedOutput(models.Model):
    """Drafted by both sides, signed off by both focal points, then locked."""

    status = models.CharField(_("status"), max_length=10, choices=OutputStatus.choices, default=OutputStatus.DRAFT)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    reviewed_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_signed_at = models.DateTimeField(null=True, blank=True)
    reviewing_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewing_signed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_locked(self) -> bool:
        return self.status == OutputStatus.LOCKED


class ObservationList(AgreedOutput):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="observation_lists")
    reviewing_state = models.ForeignKey("states.MemberState", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("list of observations")
        verbose_name_plural = _("lists of observations")
        constraints = [models.UniqueConstraint(fields=["review", "reviewing_state"], name="one_list_per_state")]

    def __str__(self) -> str:
        return f"{self.reviewing_state} · {self.review}"


class Observation(models.Model):
    observation_list = models.ForeignKey(ObservationList, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("category"), max_length=20, choices=ObservationCategory.choices)
    text = models.TextField(_("observation"))
    articles = models.ManyToManyField(Article, related_name="+", blank=True, verbose_name=_("articles"))
    questions = models.ManyToManyField(Question, related_name="+", blank=True, verbose_name=_("questions"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["observation_list", "order", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text[:60]}"


class Summary(AgreedOutput):
    review = models.OneToOneField(CountryReview, on_delete=models.CASCADE, related_name="summary")
    text = models.TextField(_("summary"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("summary")
        verbose_name_plural = _("summaries")

    def __str__(self) -> str:
        return f"{self.review}"
