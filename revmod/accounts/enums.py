from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GlobalRole(models.TextChoices):
    """The only roles held outside a review; all others are per review and side."""

    NONE = "", _("None")
    SECRETARIAT = "secretariat", _("Secretariat")
    TRAINER = "trainer", _("Trainer")
    STAKEHOLDER = "stakeholder", _("Non-governmental stakeholder")


class AccountStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    # A stakeholder who registered themselves and has not yet opened the link sent to the address.
    UNVERIFIED = "unverified", _("Awaiting e-mail verification")
    PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")


class NominatedRole(models.TextChoices):
    """What the State nominated the person as; reviews then give roles per review and side."""

    NONE = "", _("None")
    FOCAL_POINT = "focal_point", _("Focal point")
    EXPERT = "expert", _("Governmental expert")
    OBSERVER = "observer", _("Observer")
    CONTRIBUTOR = "contributor", _("National contributor")
