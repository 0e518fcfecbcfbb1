"""Template helpers for texts that may fall back to English."""

from __future__ import annotations

from django import template
from django.utils import translation

from revmod.core.translation_status import SOURCE_LANGUAGE, localized

register = template.Library()


def _falls_back(instance, name: str) -> bool:
    language = translation.get_language() or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return False
    return bool(getattr(instance, localized(name, SOURCE_LANGUAGE), "")) and not getattr(
        instance, localized(name, language), ""
    )


@register.simple_tag
def shown_in_english(instance, *names: str) -> bool:
    """Whether any of these fields is shown in English because the reader's language lacks it."""
    return any(_falls_back(instance, name) for name in names)


@register.simple_tag
def text_lang(instance, name: str) -> str:
    """The language the field is actually shown in, for the lang attribute."""
    return SOURCE_LANGUAGE if _falls_back(instance, name) else (translation.get_language() or SOURCE_LANGUAGE)
