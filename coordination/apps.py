from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """How a State under review fills its questionnaire: contributors, assignments, offline work."""

    name = "coordination"
    verbose_name = _("National coordination")

    def ready(self) -> None:
        from coordination import dashboard, review_links  # noqa: F401, PLC0415 - register their panel and links
