"""Who of the State under review drafts which part of the questionnaire, and by when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    """A section, or a single question, given by the focal point to one person of their State.

    A question's own assignment overrides its section's.
    """

    review = models.ForeignKey("reviews.CountryReview", on_delete=models.CASCADE, related_name="assignments")
    section = models.ForeignKey(
        "reviews.Section", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("section")
    )
    question = models.ForeignKey(
        "reviews.Question",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("assigned to")
    )
    due_on = models.DateField(_("internal due date"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    # The due date a reminder was last sent for: a new date gets its own reminder, the same one never twice.
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["review", "section__order", "question__order", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section__isnull=True, question__isnull=False)
                | models.Q(section__isnull=False, question__isnull=True),
                name="assignment_of_a_section_or_a_question",
            ),
            models.UniqueConstraint(
                fields=["review", "section"], condition=models.Q(section__isnull=False), name="one_assignee_per_section"
            ),
            models.UniqueConstraint(
                fields=["review", "question"],
                condition=models.Q(question__isnull=False),
                name="one_assignee_per_question",
            ),
        ]
        indexes = [models.Index(fields=["due_on", "reminded_for"])]

    def __str__(self) -> str:
        part = self.question.number if self.question is not None else self.section
        return f"{self.review} · {part} → {self.assignee}"
