from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "revmod.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from revmod.notifications import dashboard  # noqa: F401, PLC0415 - registers its panel of the dashboard
