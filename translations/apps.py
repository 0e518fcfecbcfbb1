from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translating the work of a review: requests, translators per language, the side-by-side editor."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from translations import receivers  # noqa: F401, PLC0415 - connect to the reviews' saves
