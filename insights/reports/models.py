"""A working-group report being built in the background for one member of the secretariat.

A job holds no review data of its own: only what was asked for and, once built, the file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insights.reports.enums import ReportFormat, ReportGrouping
from reviews.enums import ExportStatus


class ReportJob(models.Model):
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    grouping = models.CharField(_("grouping"), max_length=12, choices=ReportGrouping.choices)
    cycle = models.ForeignKey(
        "reviews.ReviewCycle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cycle"),
    )
    anonymised = models.BooleanField(_("anonymised"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("working-group report")
        verbose_name_plural = _("working-group reports")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="report_job_newest_per_person")]

    def __str__(self) -> str:
        return f"{self.get_grouping_display()} · {self.format} · {self.language}"

    @property
    def file_name(self) -> str:
        """The name the download gets, whatever name the storage gave the file."""
        anonymised = "-anonymised" if self.anonymised else ""
        return f"working-group-report-{self.grouping}{anonymised}-{self.language}.{self.format}"

    @property
    def is_waiting(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
