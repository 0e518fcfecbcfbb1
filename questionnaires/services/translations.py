"""Writing the translations of a questionnaire, and checking that it is translated enough to publish.

Translations may be corrected on a draft and on a published questionnaire: answers are given
against the questions' meaning, which the English source fixes. The English source changes only
on a draft (through the spreadsheet here, or the authoring pages); a retired version stays as it was.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model, Q
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from questionnaires.permissions import can_author
from questionnaires.services.versions import mark_changed
from questionnaires.texts import Text, texts_of
from reviews.enums import CycleStatus, QuestionnaireStatus
from reviews.models import Questionnaire, ReviewCycle
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.translation_status import (
    LANGUAGE_CODES,
    SOURCE_LANGUAGE,
    TranslationStatus,
    localized,
    snapshot,
    stamp_changed_languages,
)


@dataclass(frozen=True)
class Change:
    """One text in one language, from what it was to what it becomes."""

    key: str
    language: str
    old: str
    new: str

    def as_list(self) -> list[str]:
        return [self.key, self.language, self.old, self.new]

    @classmethod
    def from_list(cls, values: list[str]) -> Change:
        key, language, old, new = values
        return cls(key, language, old, new)


@dataclass
class TranslationsRefused(ReviewError):
    """Changes that cannot be applied; nothing was changed. Each problem is a sentence for the person."""

    problems: list[str]

    def __str__(self) -> str:
        return " ".join(self.problems)


@dataclass
class TranslationsIncomplete(ReviewError):
    """A questionnaire that is not translated into the languages its cycles require."""

    missing: dict[str, list[str]]

    def __str__(self) -> str:
        parts = [
            ngettext("%(language)s: %(count)d text", "%(language)s: %(count)d texts", len(found))
            % {"language": language_name(language), "count": len(found)}
            for language, found in self.missing.items()
            if found
        ]
        return _("Some translations are missing or older than the English source (%(languages)s).") % {
            "languages": "; ".join(parts)
        }


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def can_translate(questionnaire: Questionnaire) -> bool:
    return questionnaire.status != QuestionnaireStatus.RETIRED


def change_error(questionnaire: Questionnaire, text: Text, *, language: str, new: str) -> str | None:
    """Why this text cannot take this value, or None."""
    if language not in LANGUAGE_CODES:
        return _("“%(language)s” is not a language of the platform.") % {"language": language}
    if language == SOURCE_LANGUAGE and not questionnaire.is_editable:
        return _("The English source of a published questionnaire does not change.")
    if language == SOURCE_LANGUAGE and text.source_required and not new:
        return _("The English text cannot be empty.")
    if text.max_length is not None and len(new) > text.max_length:
        return ngettext(
            "The text is %(length)d characters long; this field takes at most %(limit)d character.",
            "The text is %(length)d characters long; this field takes at most %(limit)d characters.",
            text.max_length,
        ) % {"length": len(new), "limit": text.max_length}
    return None


@transaction.atomic
def apply_translations(questionnaire: Questionnaire, *, changes: list[Change], by, via: str) -> list[Change]:
    """Apply every change or none, stamp the languages that changed, and audit it.

    Refused (TranslationsRefused) when a change is not allowed, or when its text changed since the
    person saw it (``Change.old``). Returns the changes applied.
    """
    if not can_author(by):
        raise ReviewError(_("Only the secretariat translates questionnaires."))
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if not can_translate(locked):
        raise ReviewError(_("A retired questionnaire is kept as it was: its translations do not change."))
    texts = {text.key: text for text in texts_of(locked)}
    problems = []
    for change in changes:
        text = texts.get(change.key)
        if text is None:
            problems.append(_("%(key)s: no such text in this questionnaire.") % {"key": change.key})
        elif error := change_error(locked, text, language=change.language, new=change.new):
            problems.append(f"{text.description} ({language_name(change.language)}): {error}")
        elif text.value(change.language) != change.old:
            problems.append(
                _("%(text)s (%(language)s) was changed by someone else meanwhile.")
                % {"text": text.description, "language": language_name(change.language)}
            )
    if problems:
        raise TranslationsRefused(problems)
    applied = [change for change in changes if change.old != change.new]
    _write(texts, applied)
    if any(isinstance(texts[change.key].instance, Questionnaire) for change in applied):
        questionnaire.refresh_from_db()  # the caller's copy shows what was written to the locked one
    if applied:
        mark_changed(locked)  # an English correction on a draft shows in the editor
        record(
            AuditAction.QUESTIONNAIRE_TRANSLATED,
            actor=by,
            target=locked,
            data={
                "via": via,
                "languages": sorted({change.language for change in applied}),
                "texts": len(applied),
            },
        )
    return applied


def _write(texts: dict[str, Text], changes: list[Change]) -> None:
    """Set the values, stamp each changed object once, and save them in one query per model."""
    by_instance: dict[tuple[type[Model], int], list[Change]] = defaultdict(list)
    for change in changes:
        instance = texts[change.key].instance
        by_instance[(type(instance), instance.pk)].append(change)
    to_save: dict[type[Model], list[Model]] = defaultdict(list)
    columns: dict[type[Model], set[str]] = defaultdict(lambda: {"translations_updated"})
    for (model, _pk), instance_changes in by_instance.items():
        instance = texts[instance_changes[0].key].instance
        before = snapshot(instance)
        for change in instance_changes:
            column = localized(texts[change.key].field, change.language)
            setattr(instance, column, change.new)
            columns[model].add(column)
        stamp_changed_languages(instance, before=before)
        to_save[model].append(instance)
    for model, instances in to_save.items():
        model._default_manager.bulk_update(instances, sorted(columns[model]))


def save_translations(
    questionnaire: Questionnaire, *, language: str, texts: list[Text], values: dict[str, str], by
) -> list[Change]:
    """The side-by-side editor's save: the translations of one language, never the English source."""
    if language == SOURCE_LANGUAGE or language not in LANGUAGE_CODES:
        raise ReviewError(_("Only translations are edited here; the English source is edited by authoring."))
    changes = [
        Change(text.key, language, text.value(language), values[text.key])
        for text in texts
        if text.key in values and values[text.key] != text.value(language)
    ]
    return apply_translations(questionnaire, changes=changes, by=by, via="editor")


def incomplete_translations(questionnaire: Questionnaire, languages: list[str]) -> dict[str, list[str]]:
    """Per language with work left, what is missing or older than the English source ("Question 1.2 · guidance")."""
    texts = texts_of(questionnaire)
    incomplete: dict[str, list[str]] = {}
    for language in languages:
        if language == SOURCE_LANGUAGE or language not in LANGUAGE_CODES:
            continue
        found = []
        for text in texts:
            status = text.status(language)
            if status == TranslationStatus.MISSING:
                found.append(_("%(text)s: missing") % {"text": text.description})
            elif status == TranslationStatus.OUTDATED:
                found.append(_("%(text)s: older than the English source") % {"text": text.description})
        if found:
            incomplete[language] = found
    return incomplete


def required_languages_for(questionnaire: Questionnaire) -> list[str]:
    """The languages required by the open cycles of its cluster that cover its instrument, in settings order."""
    cycles = (
        ReviewCycle.objects.filter(cluster_id=questionnaire.cluster_id)
        .exclude(status=CycleStatus.CLOSED)
        .filter(Q(instruments=questionnaire.instrument_id) | Q(instruments__isnull=True))
        .values("pk")
    )
    wanted: set[str] = set()
    for languages in ReviewCycle.objects.filter(pk__in=cycles).values_list("required_languages", flat=True):
        wanted.update(languages or [])
    return [code for code in LANGUAGE_CODES if code in wanted]


def check_translations_complete(questionnaire: Questionnaire) -> None:
    """Raise TranslationsIncomplete unless every language its cycles require is complete (for publishing)."""
    incomplete = incomplete_translations(questionnaire, required_languages_for(questionnaire))
    if incomplete:
        raise TranslationsIncomplete(incomplete)
