"""What a questionnaire still lacks in the languages its cycles require."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from reviews.enums import CycleStatus
from reviews.models import Choice, Question, Questionnaire, ReviewCycle, Section
from reviews.services.errors import ReviewError
from revmod.core.translation_status import TranslationStatus, language_status


class TranslationsIncomplete(ReviewError):
    """Publishing refused: what is missing or outdated, per language."""

    def __init__(self, missing: dict[str, list[str]]) -> None:
        self.missing = missing
        languages = ", ".join(language for language, items in missing.items() if items)
        super().__init__(
            _("The questionnaire is not complete in every language its cycles require: %(languages)s.")
            % {"languages": languages}
        )


def required_languages_for(questionnaire: Questionnaire) -> list[str]:
    """The languages required by the open cycles of its cluster that cover its instrument."""
    cycles = ReviewCycle.objects.filter(cluster=questionnaire.cluster_id).exclude(status=CycleStatus.CLOSED)
    cycles = cycles.filter(Q(instruments=questionnaire.instrument_id) | Q(instruments=None)).distinct()
    return sorted({language for cycle in cycles for language in cycle.required_languages})


def incomplete_translations(questionnaire: Questionnaire, languages: list[str]) -> dict[str, list[str]]:
    """Per language, the texts that are missing or older than the English."""
    texts: list[tuple[str, object]] = [(_("Title and introduction"), questionnaire)]
    texts += [
        (_("Section %(order)s") % {"order": section.order}, section)
        for section in Section.objects.filter(questionnaire=questionnaire).order_by("order")
    ]
    questions = list(Question.objects.filter(questionnaire=questionnaire).order_by("order"))
    texts += [(_("Question %(number)s") % {"number": question.number}, question) for question in questions]
    numbers = {question.pk: question.number for question in questions}
    texts += [
        (_("Question %(number)s · choice %(key)s") % {"number": numbers[choice.question_id], "key": choice.key}, choice)
        for choice in Choice.objects.filter(question__questionnaire=questionnaire).order_by("question__order", "order")
    ]
    return {
        language: [
            label
            for label, instance in texts
            if language_status(instance, language) in (TranslationStatus.MISSING, TranslationStatus.OUTDATED)
        ]
        for language in languages
    }
