"""The search index: one row per text the search can find, with what deciding who may read it needs.

The rows are copies, rebuilt from the reviews' own data (services.index_source, the command
rebuild_search_index); the rules of who reads what stay in reviews.permissions and are
applied to these rows in SQL when searching (permissions.visible_documents).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insights.enums import DocumentKind
from insights.reports.models import ReportJob
from reviews.enums import ThreadVisibility
from revmod.states.enums import RegionalGroup

__all__ = ["ReportJob", "SearchDocument"]


class SearchDocument(models.Model):
    kind = models.CharField(_("kind of text"), max_length=20, choices=DocumentKind.choices)
    # The primary key of the row the text comes from (an answer, a comment, a question...).
    source_id = models.PositiveBigIntegerField()
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Empty for the questions of a questionnaire, which every review answering it shares.
    review = models.ForeignKey(
        "reviews.CountryReview", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    questionnaire = models.ForeignKey(
        "reviews.Questionnaire", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey("reviews.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    state = models.ForeignKey("states.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    region = models.CharField(_("regional group"), max_length=32, choices=RegionalGroup.choices, blank=True)
    cluster = models.ForeignKey("reviews.Cluster", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    instrument = models.ForeignKey(
        "reviews.Instrument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    article = models.ForeignKey("reviews.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # For comments: the visibility of their thread. For feedback: the State that wrote it.
    thread_visibility = models.CharField(max_length=10, choices=ThreadVisibility.choices, blank=True)
    reviewing_state = models.ForeignKey(
        "states.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Feedback once sent; a summary once published (then everyone may read it).
    is_released = models.BooleanField(default=False)
    date = models.DateTimeField(_("date"), default=timezone.now)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id", "language"], name="one_document_per_source_language"),
        ]
        indexes = [
            models.Index(fields=["review", "kind"]),
            models.Index(fields=["-date", "-id"], name="search_document_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_id} ({self.language})"
