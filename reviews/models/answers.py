"""Answers to the questionnaire of a review, with every revision kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models.questionnaires import Question
from reviews.models.reviews import CountryReview


class Answer(models.Model):
    review = models.ForeignKey(CountryReview, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("answer"), default=None, null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["review", "question"], name="one_answer_per_question")]

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
