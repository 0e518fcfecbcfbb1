"""Which translations of a text are missing, or older than the English source.

One mechanism for every translated model (e-learning content, questionnaires): the fields
come from modeltranslation's registry, the stamps from the model's ``translations_updated``
(a mapping of language to the ISO time its text last changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = "en"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class TranslationStatus(models.TextChoices):
    SOURCE = "source", _("Source text")
    UP_TO_DATE = "up_to_date", _("Up to date")
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Older than the English source")


def translated_fields(model) -> tuple[str, ...]:
    options: Any = translator.get_options_for_model(model)  # fields is set per registration
    return tuple(options.fields)


def localized(name: str, language: str) -> str:
    return build_localized_fieldname(name, language)


def snapshot(instance) -> dict[str, dict[str, str]]:
    """The text of every translated field, per language."""
    names = translated_fields(type(instance))
    return {
        language: {name: getattr(instance, localized(name, language)) or "" for name in names}
        for language in LANGUAGE_CODES
    }


def stamp_changed_languages(instance, *, before: dict[str, dict[str, str]] | None) -> list[str]:
    """Record now as the last update of each language whose text changed; return those languages."""
    after = snapshot(instance)
    now = timezone.now().isoformat()
    changed = [
        language
        for language in LANGUAGE_CODES
        if any(after[language].values()) and (before is None or before[language] != after[language])
    ]
    instance.translations_updated = {**instance.translations_updated, **dict.fromkeys(changed, now)}
    return changed


def _older_than_source(instance, language: str) -> bool:
    stamps = instance.translations_updated or {}
    source, translated = stamps.get(SOURCE_LANGUAGE), stamps.get(language)
    return bool(source and (not translated or translated < source))


def language_status(instance, language: str) -> str:
    if language == SOURCE_LANGUAGE:
        return TranslationStatus.SOURCE
    names = translated_fields(type(instance))
    for name in names:
        if getattr(instance, localized(name, SOURCE_LANGUAGE)) and not getattr(instance, localized(name, language)):
            return TranslationStatus.MISSING
    if _older_than_source(instance, language):
        return TranslationStatus.OUTDATED
    return TranslationStatus.UP_TO_DATE


def field_status(instance, name: str, language: str) -> str:
    """The status of one translated field; stamps are per object, so an outdated object outdates each of its texts."""
    if language == SOURCE_LANGUAGE:
        return TranslationStatus.SOURCE
    source, translated = (
        getattr(instance, localized(name, SOURCE_LANGUAGE)),
        getattr(instance, localized(name, language)),
    )
    if source and not translated:
        return TranslationStatus.MISSING
    if translated and _older_than_source(instance, language):
        return TranslationStatus.OUTDATED
    return TranslationStatus.UP_TO_DATE


@dataclass
class Coverage:
    """How many of a set of texts need work in each language (for an overview)."""

    missing: dict[str, int] = field(default_factory=dict)
    outdated: dict[str, int] = field(default_factory=dict)

    def add(self, instance) -> None:
        for language in LANGUAGE_CODES:
            status = language_status(instance, language)
            if status == TranslationStatus.MISSING:
                self.missing[language] = self.missing.get(language, 0) + 1
            elif status == TranslationStatus.OUTDATED:
                self.outdated[language] = self.outdated.get(language, 0) + 1

    def rows(self) -> list[dict]:
        names = dict(settings.LANGUAGES)
        return [
            {
                "code": language,
                "name": names[language],
                "missing": self.missing.get(language, 0),
                "outdated": self.outdated.get(language, 0),
            }
            for language in LANGUAGE_CODES
            if language != SOURCE_LANGUAGE
        ]
