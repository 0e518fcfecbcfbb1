"""The text units of a review that can be translated, and the source text each one holds now.

An answer of free text is one unit ("text"); a legislation answer has one unit per citation's
title ("title:0", "title:1"…). Written feedback, each observation of a list, and the summary are
one unit each. Other kinds of answer (choices, numbers, dates) carry no text to translate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from reviews.enums import AnswerKind
from reviews.models import Answer, CountryReview, Observation, Summary
from translations.enums import TranslationScope
from translations.models import TranslationRequest

TEXT = "text"
TITLE = "title:"


@dataclass(frozen=True)
class Unit:
    """One text to translate: its source object (by field name) and its part."""

    source: str
    obj: Any
    part: str
    text: str
    order: int


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def answer_parts(answer: Answer) -> list[tuple[str, str]]:
    """(part, text) of each translatable text of an answer, empty ones left out."""
    value = answer.value
    if isinstance(value, str) and value.strip():
        return [(TEXT, value)]
    if isinstance(value, list):
        return [
            (f"{TITLE}{index}", str(item.get("title") or ""))
            for index, item in enumerate(value)
            if isinstance(item, dict) and item.get("title")
        ]
    return []


def answer_part_text(answer: Answer, part: str) -> str:
    """The text of one part of an answer now; "" when it is gone (the answer cleared, a citation removed)."""
    value = answer.value
    if part == TEXT:
        return value if isinstance(value, str) else ""
    if part.startswith(TITLE) and isinstance(value, list):
        index = int(part.removeprefix(TITLE))
        if index < len(value) and isinstance(value[index], dict):
            return str(value[index].get("title") or "")
    return ""


def source_text(translation) -> str:
    """What the translation's source says now (the source objects are joined by the selectors)."""
    if translation.answer_id is not None:
        return answer_part_text(translation.answer, translation.part)
    source = translation.feedback or translation.observation or translation.summary
    return source.text


TEXT_KINDS = (AnswerKind.TEXT, AnswerKind.LEGISLATION)


def _answer_units(answers) -> list[Unit]:
    units: list[Unit] = []
    for answer in answers:
        for part, text in answer_parts(answer):
            units.append(Unit("answer", answer, part, text, len(units)))
    return units


def units_of_request(request: TranslationRequest) -> list[Unit]:
    """The units a request covers, as the review holds them now, in reading order."""
    review: CountryReview = request.review
    scope = TranslationScope(request.scope)
    if scope in (TranslationScope.SECTION, TranslationScope.QUESTIONNAIRE):
        answers = Answer.objects.filter(review=review, question__kind__in=TEXT_KINDS).select_related("question")
        if scope == TranslationScope.SECTION:
            answers = answers.filter(question__section=request.section)
        else:
            answers = answers.filter(question__questionnaire=request.questionnaire)
        return _answer_units(answers.order_by("question__section__order", "question__order"))
    if scope == TranslationScope.FEEDBACK:
        feedback = request.feedback
        return [Unit("feedback", feedback, TEXT, feedback.text, 0)] if feedback and feedback.text.strip() else []
    if scope == TranslationScope.OBSERVATIONS:
        items = Observation.objects.filter(observation_list=request.observation_list).order_by("order", "pk")
        return [Unit("observation", item, TEXT, item.text, index) for index, item in enumerate(items)]
    summary = Summary.objects.filter(review=review).first()
    return [Unit("summary", summary, TEXT, summary.text, 0)] if summary and summary.text.strip() else []
