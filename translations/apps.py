from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translating the work of a review: requests, translators per language, the side-by-side editor."""

    name = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from reviews import text_overlays  # noqa: PLC0415 - the registry, read once the apps are loaded
        from translations import receivers  # noqa: F401, PLC0415 - connect to the reviews' saves
        from translations.reading import TranslationOverlays  # noqa: PLC0415 - models are loaded now

        text_overlays.register_provider(TranslationOverlays())
