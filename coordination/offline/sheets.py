"""The questionnaire with its answers as an Excel workbook, and reading a filled one back.

Layout: see coordination.offline (hidden columns A and B, a very hidden ``revmod`` sheet).
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from coordination.offline.files import FORMAT, MAX_ROWS, XLSX, FileContent, FileRow, NotAnAnswerFile, Stamp
from coordination.offline.values import CHOICE_SEPARATOR, answer_for_cell, choice_labels
from reviews.enums import AnswerKind
from reviews.models import CountryReview, Question, Questionnaire

META_SHEET = "revmod"
ANSWER_COLUMN = 7  # G
FIRST_LIST_ROW = 10
WIDTHS = {"A": 8, "B": 8, "C": 9, "D": 60, "E": 18, "F": 30, "G": 60}
DATE_FORMAT = "yyyy-mm-dd"


def build_workbook(
    review: CountryReview, questionnaire: Questionnaire, questions: list[Question], *, language: str, part: str
) -> bytes:
    """One row per question with its answer (``question.answer``) and the answer's revision."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    sheet.sheet_view.rightToLeft = language == "ar"
    sheet.append(["id", "rev", _("Number"), _("Question"), _("Kind of answer"), _("Options"), _("Your answer")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    for row in (
        ("format", FORMAT),
        ("review", review.pk),
        ("questionnaire", questionnaire.pk),
        ("version", questionnaire.version),
        ("language", language),
        ("part", part),
    ):
        meta.append(row)
    yes_no = DataValidation(type="list", formula1=f"{META_SHEET}!$B$9:$C$9", allow_blank=True)
    meta.cell(row=9, column=1, value="yes_no")
    meta.cell(row=9, column=2, value=_("Yes"))
    meta.cell(row=9, column=3, value=_("No"))
    sheet.add_data_validation(yes_no)
    list_row = FIRST_LIST_ROW
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, question in enumerate(questions, start=2):
        answer = getattr(question, "answer", None)
        labels = choice_labels(question)
        value = answer_for_cell(question, answer.value if answer else None)
        sheet.append(
            [
                question.pk,
                answer.revision if answer else 0,
                question.number,
                question.text,
                question.get_kind_display(),
                CHOICE_SEPARATOR.join(labels),
                value,
            ]
        )
        cell = sheet.cell(row=row_number, column=ANSWER_COLUMN)
        for column in (4, 6, 7):
            sheet.cell(row=row_number, column=column).alignment = wrap
        if question.kind == AnswerKind.YES_NO:
            yes_no.add(cell)
        elif question.kind == AnswerKind.SINGLE_CHOICE and labels:
            meta.cell(row=list_row, column=1, value=question.pk)
            for index, label in enumerate(labels, start=2):
                meta.cell(row=list_row, column=index, value=label)
            last = meta.cell(row=list_row, column=len(labels) + 1).column_letter
            choice = DataValidation(type="list", formula1=f"{META_SHEET}!$B${list_row}:${last}${list_row}")
            choice.add(cell)
            sheet.add_data_validation(choice)
            list_row += 1
        elif question.kind == AnswerKind.DATE:
            cell.number_format = DATE_FORMAT
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].hidden = True
    sheet.freeze_panes = "D2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def read_workbook(file: IO[bytes]) -> FileContent:
    """The stamp and the question rows of a workbook made by build_workbook; NotAnAnswerFile otherwise."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise NotAnAnswerFile(_("This file is not an Excel workbook (.xlsx).")) from error
    try:
        if META_SHEET not in workbook.sheetnames:
            raise NotAnAnswerFile(_("This workbook was not downloaded from this platform's offline page."))
        stamp = _read_stamp(workbook[META_SHEET])
        sheet = next(sheet for sheet in workbook.worksheets if sheet.title != META_SHEET)
        return FileContent(XLSX, stamp, _read_rows(sheet))
    finally:
        workbook.close()


def _read_stamp(meta) -> Stamp:
    values = {str(row[0]): row[1] for row in meta.iter_rows(min_row=1, max_row=6, max_col=2, values_only=True)}
    try:
        if values.get("format") != FORMAT:
            raise ValueError
        return Stamp(
            review=int(values["review"]),
            questionnaire=int(values["questionnaire"]),
            language=str(values["language"]),
            part=str(values["part"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise NotAnAnswerFile(_("The hidden stamp of this workbook is damaged: download the file again.")) from error


def _int_or_none(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _read_rows(sheet) -> list[FileRow]:
    rows = []
    for row_number, cells in enumerate(sheet.iter_rows(min_row=2, max_col=ANSWER_COLUMN, values_only=True), start=2):
        if row_number > MAX_ROWS:
            raise NotAnAnswerFile(_("The sheet has more rows than a questionnaire: download the file again."))
        values = (*cells, *([None] * (ANSWER_COLUMN - len(cells))))
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
            continue
        where = _("sheet “%(sheet)s”, row %(row)d") % {"sheet": sheet.title, "row": row_number}
        row = FileRow(where=where, number=str(values[2] or "").strip(), answer=values[ANSWER_COLUMN - 1])
        row.question, row.revision = _int_or_none(values[0]), _int_or_none(values[1])
        if row.question is None or row.revision is None:
            row.problem = _("the hidden columns A and B that name the question are empty or changed.")
        rows.append(row)
    return rows
