from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "revmod.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from revmod.audit import receivers  # noqa: F401, PLC0415 - connects the signal receivers
