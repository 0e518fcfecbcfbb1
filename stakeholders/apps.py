from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    """Non-governmental stakeholders: their accounts, constructive dialogues and written input."""

    name = "stakeholders"
    verbose_name = _("Non-governmental stakeholders")

    def ready(self) -> None:
        from stakeholders import dashboard, review_links  # noqa: F401, PLC0415 - register their panel and links
