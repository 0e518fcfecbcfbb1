from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (XLSX)"
    DOCX = "docx", "Word (DOCX)"


class ReportGrouping(models.TextChoices):
    ARTICLE = "article", pgettext_lazy("report grouping", "By article")
    INSTRUMENT = "instrument", pgettext_lazy("report grouping", "By instrument")
    REGION = "region", pgettext_lazy("report grouping", "By regional group")


class ReportSection(models.TextChoices):
    """The parts of a report, in order; each holds the observations of some categories."""

    FINDINGS = "findings", _("Gaps and challenges")
    GOOD_PRACTICES = "good_practices", _("Good practices")
    ASSISTANCE = "assistance", _("Technical-assistance needs")
