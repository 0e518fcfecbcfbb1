from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """How a State under review fills its questionnaire: contributors, assignments, offline work."""

    name = "coordination"
    verbose_name = _("National coordination")
