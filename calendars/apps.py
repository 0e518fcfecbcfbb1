from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    """Each person's dates in the calendar they live in: downloads and a secret personal feed."""

    name = "calendars"
    verbose_name = _("Calendars")
