from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Country reviews")

    def ready(self) -> None:
        from reviews import dashboard  # noqa: F401, PLC0415 - registers its panel of the dashboard
