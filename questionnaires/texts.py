"""The translatable texts of a questionnaire, each under a stable key such as ``question:1.2:help_text``.

One list for the status pages, the side-by-side editor, the spreadsheet and the publish check.
Reading a questionnaire's texts takes the same few queries whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.models import Choice, Question, Questionnaire, Section
from revmod.core.translation_status import LANGUAGE_CODES, SOURCE_LANGUAGE, TranslationStatus, field_status, localized

TARGET_LANGUAGES = [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]

FIELD_LABELS = {
    "title": gettext_lazy("title"),
    "introduction": gettext_lazy("introduction"),
    "text": gettext_lazy("text"),
    "help_text": gettext_lazy("guidance"),
    "label": gettext_lazy("label"),
}


@dataclass(frozen=True)
class Text:
    """One translated field of one object of the questionnaire."""

    key: str
    instance: Any
    field: str
    section_id: int | None = None
    question_number: str = ""

    @property
    def model_field(self) -> models.Field:
        return type(self.instance)._meta.get_field(localized(self.field, SOURCE_LANGUAGE))

    @property
    def max_length(self) -> int | None:
        return self.model_field.max_length

    @property
    def multiline(self) -> bool:
        return isinstance(self.model_field, models.TextField)

    @property
    def source_required(self) -> bool:
        return not self.model_field.blank

    @property
    def source(self) -> str:
        return self.value(SOURCE_LANGUAGE)

    def value(self, language: str) -> str:
        return getattr(self.instance, localized(self.field, language)) or ""

    def status(self, language: str) -> str:
        return field_status(self.instance, self.field, language)

    def needs_work(self, language: str) -> bool:
        return self.status(language) in (TranslationStatus.MISSING, TranslationStatus.OUTDATED)

    @property
    def description(self) -> str:
        """Readable, in the active language: "Question 1.2 · guidance"."""
        field = FIELD_LABELS[self.field]
        if isinstance(self.instance, Questionnaire):
            where = _("Questionnaire")
        elif isinstance(self.instance, Section):
            where = _("Section %(number)s") % {"number": self.instance.order}
        elif isinstance(self.instance, Question):
            where = _("Question %(number)s") % {"number": self.question_number}
        else:
            where = _("Question %(number)s, choice “%(choice)s”") % {
                "number": self.question_number,
                "choice": self.instance.key,
            }
        return f"{where} · {field}"


def _questionnaire_texts(questionnaire: Questionnaire) -> list[Text]:
    return [Text(f"questionnaire:{name}", questionnaire, name) for name in ("title", "introduction")]


def _section_texts(section: Section, questions: list[Question]) -> list[Text]:
    texts = [Text(f"section:{section.order}:title", section, "title", section_id=section.pk)]
    for question in questions:
        number = question.number
        for name in ("text", "help_text"):
            texts.append(Text(f"question:{number}:{name}", question, name, section.pk, number))
        for choice in question.choices.all():
            texts.append(Text(f"choice:{number}:{choice.key}:label", choice, "label", section.pk, number))
    return texts


def _questions(queryset) -> list[Question]:
    return list(queryset.order_by("order").prefetch_related(Prefetch("choices", Choice.objects.order_by("order"))))


def sections_of(questionnaire: Questionnaire) -> list[Section]:
    return list(questionnaire.sections.order_by("order"))


def texts_of(questionnaire: Questionnaire, *, sections: list[Section] | None = None) -> list[Text]:
    """Every text of the questionnaire, in reading order (three queries, or two given the sections)."""
    sections = sections_of(questionnaire) if sections is None else sections
    by_section: dict[int, list[Question]] = {section.pk: [] for section in sections}
    for question in _questions(questionnaire.questions.all()):
        by_section.setdefault(question.section_id, []).append(question)
    texts = _questionnaire_texts(questionnaire)
    for section in sections:
        texts += _section_texts(section, by_section[section.pk])
    return texts


def questionnaire_own_texts(questionnaire: Questionnaire) -> list[Text]:
    return _questionnaire_texts(questionnaire)


def section_texts(section: Section) -> list[Text]:
    return _section_texts(section, _questions(section.questions.all()))


def get_section(questionnaire: Questionnaire, pk: int) -> Section:
    section = questionnaire.sections.filter(pk=pk).first()
    if section is None:
        raise Http404
    return section
