from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """What reads across reviews: search today, the analytics later. It owns no review data, only its index."""

    name = "insights"
    verbose_name = _("Insights across reviews")

    def ready(self) -> None:
        from insights import receivers  # noqa: F401, PLC0415 - keeps the search index current on save and delete
