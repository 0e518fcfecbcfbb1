from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Country reviews")

    def ready(self) -> None:
        # Registers its panel of the dashboard and the review deadlines of personal calendars.
        from reviews import calendar_events, dashboard  # noqa: F401, PLC0415
