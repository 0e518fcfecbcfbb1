"""What an answer may hold for each kind of question, and which questions are required."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from reviews.enums import AnswerKind

MAX_TEXT = 20_000
MAX_CITATIONS = 50


class AnswerValueError(ValueError):
    pass


def is_empty(answer_or_value: Any) -> bool:
    value = getattr(answer_or_value, "value", answer_or_value)
    return value is None or value in ("", [], {})


def clean_answer_value(question, value: Any) -> Any:
    """The value to store for ``question``, or AnswerValueError saying what is wrong.

    Empty input clears the answer (stored as None).
    """
    if is_empty(value):
        return None
    cleaner = CLEANERS[AnswerKind(question.kind)]
    return cleaner(question, value)


def _yes_no(question, value):
    if value not in ("yes", "no"):
        raise AnswerValueError(_("Answer yes or no."))
    return value


def _text(question, value):
    if not isinstance(value, str):
        raise AnswerValueError(_("Enter text."))
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise AnswerValueError(_("The answer is too long (at most %(max)d characters).") % {"max": MAX_TEXT})
    return value or None


def _choice_keys(question) -> set[str]:
    return {choice.key for choice in question.choices.all()}


def _single_choice(question, value):
    if value not in _choice_keys(question):
        raise AnswerValueError(_("Choose one of the options."))
    return value


def _multiple_choice(question, value):
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not set(values) <= _choice_keys(question):
        raise AnswerValueError(_("Choose among the options."))
    order = [choice.key for choice in question.choices.all()]
    return [key for key in order if key in values]


def _number(question, value):
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as error:
        raise AnswerValueError(_("Enter a number.")) from error
    if not number.is_finite():
        raise AnswerValueError(_("Enter a number."))
    return int(number) if number == number.to_integral_value() else float(number)


def _date(question, value):
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as error:
        raise AnswerValueError(_("Enter a date as YYYY-MM-DD.")) from error


def _legislation(question, value):
    if not isinstance(value, list) or len(value) > MAX_CITATIONS:
        raise AnswerValueError(_("Cite the legislation as a list of texts."))
    citations = []
    for item in value:
        if not isinstance(item, dict):
            raise AnswerValueError(_("Cite the legislation as a list of texts."))
        title = str(item.get("title") or "").strip()
        provision = str(item.get("provision") or "").strip()
        url = str(item.get("url") or "").strip()
        if not (title or provision or url):
            continue
        if not title:
            raise AnswerValueError(_("Every citation needs the title of the law."))
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError as error:
                raise AnswerValueError(_("%(url)s is not a valid web address.") % {"url": url}) from error
        citations.append({"title": title[:500], "provision": provision[:500], "url": url[:1000]})
    return citations or None


CLEANERS = {
    AnswerKind.YES_NO: _yes_no,
    AnswerKind.TEXT: _text,
    AnswerKind.SINGLE_CHOICE: _single_choice,
    AnswerKind.MULTIPLE_CHOICE: _multiple_choice,
    AnswerKind.NUMBER: _number,
    AnswerKind.DATE: _date,
    AnswerKind.LEGISLATION: _legislation,
}


def condition_holds(question, answers: dict) -> bool:
    """Whether a follow-up is asked: its parent's answer matches its condition."""
    if question.parent_id is None:
        return True
    parent_answer = answers.get(question.parent_id)
    value = getattr(parent_answer, "value", None)
    if isinstance(value, list):
        return question.condition in value
    return value == question.condition


def required_questions(questions, answers: dict) -> list:
    """The required questions that are asked, given the answers so far."""
    by_id = {question.pk: question for question in questions}

    def asked(question) -> bool:
        while question.parent_id is not None:
            if not condition_holds(question, answers):
                return False
            question = by_id[question.parent_id]
        return True

    return [question for question in questions if question.required and asked(question)]


@dataclass(frozen=True, slots=True)
class NeedInput:
    """One need as a form sent it, not checked yet: ids as text."""

    category: str = ""
    article: str = ""
    priority: str = ""
    text: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.category or self.article or self.text.strip())


@dataclass(frozen=True, slots=True)
class CleanNeed:
    category_id: int
    article_id: int | None
    priority: str
    text: str
