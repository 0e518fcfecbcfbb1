"""The questionnaire with its answers as a Word document, and reading a filled one back.

Layout: see coordination.offline (a stamp table first, then one table per question whose
first row is the marker ``[Q number · rev N]``).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from django.utils.translation import gettext as _
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.shared import Pt, RGBColor

from coordination.offline.files import DOCX, FORMAT, MAX_ROWS, FileContent, FileRow, NotAnAnswerFile, Stamp
from coordination.offline.values import CHOICE_SEPARATOR, answer_for_text, choice_labels
from reviews.models import CountryReview, Question, Questionnaire

STAMP = re.compile(
    r"\[(?P<format>revmod-answers/\d+) review=(?P<review>\d+) questionnaire=(?P<questionnaire>\d+)"
    r" language=(?P<language>[\w-]+) part=(?P<part>\w+)\]"
)
MARKER = re.compile(r"\[Q (?P<number>[^\]·]+?) · rev (?P<revision>\d+)\]")
GREY = RGBColor(0x70, 0x70, 0x70)
ANSWER_ROW = 3


def _right_to_left(paragraph) -> None:
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))


def _grey_line(cell, text: str) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = GREY


def build_document(
    review: CountryReview, questionnaire: Questionnaire, questions: list[Question], *, language: str, part: str
) -> bytes:
    """A table per question with its answer (``question.answer``) and the answer's revision in a grey marker."""
    rtl = language == "ar"
    word = Document()
    word.styles["Normal"].font.size = Pt(11)
    paragraphs = [word.add_heading(questionnaire.title, 0)]
    paragraphs.append(word.add_paragraph(_("Review of %(state)s") % {"state": review.state.name}))
    paragraphs.append(
        word.add_paragraph(
            _(
                "Write each answer in the last cell of its table and upload this document on the platform. "
                "Do not edit the grey lines: they tell the platform which question and which version of its "
                "answer each table holds."
            )
        )
    )
    stamp = word.add_table(rows=1, cols=1)
    stamp_text = f"[{FORMAT} review={review.pk} questionnaire={questionnaire.pk} language={language} part={part}] " + _(
        "Do not edit this line."
    )
    _grey_line(stamp.cell(0, 0), stamp_text)
    section_id = None
    for question in questions:
        if question.section_id != section_id:
            section_id = question.section_id
            paragraphs.append(word.add_heading(question.section.title, 1))
        answer = getattr(question, "answer", None)
        table = word.add_table(rows=4, cols=2)
        table.style = "Table Grid"
        marker = table.cell(0, 0).merge(table.cell(0, 1))
        _grey_line(marker, f"[Q {question.number} · rev {answer.revision if answer else 0}] " + _("Do not edit."))
        table.cell(1, 0).text = question.number
        table.cell(1, 1).text = question.text
        table.cell(2, 0).text = question.get_kind_display()
        table.cell(2, 1).text = CHOICE_SEPARATOR.join(choice_labels(question))
        table.cell(ANSWER_ROW, 0).text = _("Your answer")
        table.cell(ANSWER_ROW, 1).text = answer_for_text(question, answer.value if answer else None)
        paragraphs.append(word.add_paragraph())
    if rtl:
        for paragraph in paragraphs:
            _right_to_left(paragraph)
        for table in word.tables:
            for cell in table._cells:
                for paragraph in cell.paragraphs:
                    _right_to_left(paragraph)
    word.core_properties.title = questionnaire.title
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def read_document(file: IO[bytes]) -> FileContent:
    """The stamp and the question tables of a document made by build_document; NotAnAnswerFile otherwise."""
    try:
        word = Document(file)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError, ValueError) as error:
        raise NotAnAnswerFile(_("This file is not a Word document (.docx).")) from error
    stamp: Stamp | None = None
    rows: list[FileRow] = []
    for index, table in enumerate(word.tables, start=1):
        if len(rows) > MAX_ROWS:
            raise NotAnAnswerFile(_("The document has more tables than a questionnaire: download the file again."))
        if not table.rows:
            continue
        first = _cell_text(table.rows[0].cells[0])
        found = STAMP.search(first)
        if found and stamp is None:
            if found["format"] != FORMAT:
                break
            stamp = Stamp(int(found["review"]), int(found["questionnaire"]), found["language"], found["part"])
            continue
        marker = MARKER.search(first)
        if marker is None:
            continue
        number = marker["number"].strip()
        where = _("table %(table)d") % {"table": index}
        row = FileRow(where=where, number=number, revision=int(marker["revision"]))
        cells = table.rows[ANSWER_ROW].cells if len(table.rows) > ANSWER_ROW else []
        if len(cells) < 2:
            row.problem = _("the table lost its answer cell (the last row's second cell).")
        else:
            row.answer = _cell_text(cells[1])
        rows.append(row)
    if stamp is None:
        raise NotAnAnswerFile(
            _("This document was not downloaded from this platform's offline page, or its first grey line was edited.")
        )
    return FileContent(DOCX, stamp, rows)
