"""An answer as a file holds it, and back: the same rules as the online form, in the file's language.

Written: yes/no and choices by their labels (the reader's language), citations one per line as
"title · provision · address", numbers and dates as numbers and dates (a spreadsheet cell of
that type; ISO text in a document). Read back: labels in the file's language or in English, or
the choices' keys; the result has the shape the online form sends and is checked by
reviews.answer_values.clean_answer_value like every online answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from reviews.answer_values import AnswerValueError, clean_answer_value
from reviews.enums import AnswerKind
from reviews.forms import value_as_text
from reviews.models import Question

CITATION_SEPARATOR = " · "
CHOICE_SEPARATOR = "; "
CHOICE_KINDS = {AnswerKind.SINGLE_CHOICE, AnswerKind.MULTIPLE_CHOICE}


def answer_for_cell(question: Question, value: Any) -> Any:
    """What a spreadsheet cell holds for the answer: a number or a date keeps its type."""
    if value is None:
        return None
    if question.kind == AnswerKind.NUMBER and isinstance(value, int | float):
        return value
    if question.kind == AnswerKind.DATE:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return answer_for_text(question, value)


def answer_for_text(question: Question, value: Any) -> str:
    """The answer as the text of a document, read back by ``raw_answer``."""
    if value is None:
        return ""
    if question.kind in (AnswerKind.NUMBER, AnswerKind.DATE):
        return str(value)
    return value_as_text(question, value)


def choice_labels(question: Question) -> list[str]:
    """The options as the file shows them, in the active language."""
    if question.kind == AnswerKind.YES_NO:
        return [gettext("Yes"), gettext("No")]
    if question.kind in CHOICE_KINDS:
        return [str(choice.label) for choice in question.choices.all()]
    return []


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _choice_key(question: Question, text: str, language: str) -> str:
    """The key of the option ``text`` names: its label in the file's language or English, or its key."""
    wanted = _normal(text)
    for choice in question.choices.all():
        with translation.override(language):
            label = str(choice.label)
        if wanted in {_normal(label), _normal(choice.label_en or ""), choice.key.casefold()}:
            return choice.key
    options = CHOICE_SEPARATOR.join(choice_labels(question))
    message = _("“%(text)s” is not one of the options (%(options)s).")
    raise AnswerValueError(message % {"text": text, "options": options})


def _yes_no(cell: Any, language: str) -> str:
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    with translation.override(language):
        words = {_normal(gettext("Yes")): "yes", _normal(gettext("No")): "no"}
    words |= {"yes": "yes", "no": "no"}
    answer = words.get(_normal(str(cell)))
    if answer is None:
        raise AnswerValueError(_("Answer “%(yes)s” or “%(no)s”.") % {"yes": gettext("Yes"), "no": gettext("No")})
    return answer


def _citations(text: str) -> list[dict[str, str]]:
    citations = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.replace("\u2068", "").replace("\u2069", "").split("·")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        url = parts.pop() if len(parts) > 1 and parts[-1].startswith(("http://", "https://")) else ""
        citations.append({"title": parts[0], "provision": CITATION_SEPARATOR.join(parts[1:]), "url": url})
    return citations


def _as_text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).replace("\r\n", "\n").replace("\r", "\n")


def _number(cell: Any) -> Any:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return cell
    return "".join(_as_text(cell).split())  # grouping spaces, narrow or not


def _choices(question: Question, text: str, language: str) -> list[str]:
    pieces = [piece.strip() for line in text.splitlines() for piece in line.split(";") if piece.strip()]
    return [_choice_key(question, piece, language) for piece in pieces]


def raw_answer(question: Question, cell: Any, *, language: str) -> Any:
    """The answer in the shape the online form sends it, from a cell or a document's text."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    kind = AnswerKind(question.kind)
    text = _as_text(cell).strip()
    readers = {
        AnswerKind.YES_NO: lambda: _yes_no(cell, language),
        AnswerKind.NUMBER: lambda: _number(cell),
        AnswerKind.SINGLE_CHOICE: lambda: _choice_key(question, text, language),
        AnswerKind.MULTIPLE_CHOICE: lambda: _choices(question, text, language),
        AnswerKind.LEGISLATION: lambda: _citations(text),
    }
    reader = readers.get(kind)
    return reader() if reader else text


def answer_from_file(question: Question, cell: Any, *, language: str) -> Any:
    """The value to store from what the file holds, or AnswerValueError saying what is wrong."""
    return clean_answer_value(question, raw_answer(question, cell, language=language))
