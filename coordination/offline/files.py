"""What the readers of both formats hand on: the file's stamp and its question rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "revmod-answers/1"
XLSX = "xlsx"
DOCX = "docx"
PART_ALL = "all"
PART_MINE = "mine"
MAX_ROWS = 5000


class NotAnAnswerFile(ValueError):
    """A file that is not one this platform made for this questionnaire: refused whole, nothing read."""


@dataclass
class Stamp:
    review: int
    questionnaire: int
    language: str
    part: str


@dataclass
class FileRow:
    """One question as the file holds it; ``where`` names its place for the person (sheet and row, or table)."""

    where: str
    number: str
    question: int | None = None
    revision: int | None = None
    answer: Any = None
    problem: str = ""


@dataclass
class FileContent:
    file_format: str
    stamp: Stamp
    rows: list[FileRow] = field(default_factory=list)
