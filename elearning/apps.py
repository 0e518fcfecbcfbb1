from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = _("E-learning")

    def ready(self) -> None:
        from elearning import dashboard  # noqa: F401, PLC0415 - registers its panel of the dashboard
