from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = _("E-learning")

    def ready(self) -> None:
        # Registers its panel of the dashboard and the training sessions of personal calendars.
        from elearning import calendar_events, dashboard  # noqa: F401, PLC0415
