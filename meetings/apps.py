from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """The direct dialogue of a review: meetings with candidate slots, agenda, attendance, minutes."""

    name = "meetings"
    verbose_name = _("Review meetings")

    def ready(self) -> None:
        from meetings import calendar_events, review_page  # noqa: F401, PLC0415 - register their sources
