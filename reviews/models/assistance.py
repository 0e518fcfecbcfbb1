"""Technical-assistance needs: a taxonomy the secretariat maintains, and the needs States and reviewers record."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reviews.enums import AssistancePriority
from reviews.models.answers import Answer
from reviews.models.outputs import Observation
from reviews.models.questionnaires import Article
from reviews.models.reviews import CountryReview


class AssistanceCategory(models.Model):
    """A kind of technical assistance. Never deleted once used: deactivated, so old needs keep their category."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    name_en: str | None  # one column per language, added by modeltranslation (reviews/translation.py)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("category of technical assistance")
        verbose_name_plural = _("categories of technical assistance")

    def __str__(self) -> str:
        return self.name


class AssistanceNeed(models.Model):
    """One need, recorded either with an answer (the question asks for it) or with an observation of that category."""

    category = models.ForeignKey(
        AssistanceCategory, on_delete=models.PROTECT, related_name="needs", verbose_name=_("category")
    )
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("article")
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=AssistancePriority.choices, default=AssistancePriority.MEDIUM
    )
    text = models.TextField(_("description"), blank=True)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="assistance_needs")
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, null=True, blank=True, related_name="assistance_needs"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["answer", "observation", "order", "pk"]
        verbose_name = _("technical assistance need")
        verbose_name_plural = _("technical assistance needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer__isnull=False, observation__isnull=True)
                | models.Q(answer__isnull=True, observation__isnull=False),
                name="assistance_need_of_answer_or_observation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.get_priority_display()}"

    @property
    def review(self) -> CountryReview:
        """The review the need belongs to, through its answer or its observation (joined by the selectors)."""
        if self.answer is not None:
            return self.answer.review
        assert self.observation is not None
        return self.observation.observation_list.review
