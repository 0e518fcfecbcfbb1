from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    VIDEOCONFERENCE = "videoconference", _("Videoconference")
    COUNTRY_VISIT = "country_visit", _("Country visit")
    OTHER = "other", pgettext_lazy("meeting kind", "Other")


class MeetingVisibility(models.TextChoices):
    ALL = "all", _("All participants")
    REVIEWING = "reviewing", _("Reviewing side and secretariat only")


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("meeting status", "Proposed")
    FIXED = "fixed", pgettext_lazy("meeting status", "Fixed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")
