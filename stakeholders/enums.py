from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("Non-governmental organisation")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    OTHER = "other", pgettext_lazy("kind of organisation", "Other")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    APPROVED = "approved", pgettext_lazy("application to a dialogue", "Approved")
    REFUSED = "refused", pgettext_lazy("application to a dialogue", "Refused")
