"""The translations spreadsheet: one row per text (its key), one column per language, English first.

Reading an upload only proposes changes and names each bad cell by row and column; the
services apply them once the person has confirmed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from questionnaires.services.translations import Change, change_error, language_name
from questionnaires.texts import Text
from reviews.models import Questionnaire
from revmod.core.translation_status import LANGUAGE_CODES, SOURCE_LANGUAGE

KEY_HEADER = "key"
COLUMNS = [KEY_HEADER, SOURCE_LANGUAGE, *(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)]
MAX_ERRORS = 100


def build_workbook(questionnaire: Questionnaire, texts: list[Text]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Translations")[:31]
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for text in texts:
        sheet.append([text.key, *(text.value(language) for language in COLUMNS[1:])])
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 28
    for index in range(2, len(COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 50
    for row in sheet.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@dataclass
class CellError:
    row: int
    column: int
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": get_column_letter(self.column),
            "message": self.message,
        }


@dataclass
class Upload:
    """What an uploaded spreadsheet would change, and what is wrong in it."""

    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    more_errors: bool = False

    def fail(self, row: int, column: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(str(CellError(row, column, message)))
        else:
            self.more_errors = True


class NotASpreadsheet(ValueError):
    pass


def _cell_text(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n")


def _read_header(header: tuple, upload: Upload) -> list[str] | None:
    names = [_cell_text(value).strip().lower() for value in header]
    while names and not names[-1]:
        names.pop()
    expected_start = [KEY_HEADER, SOURCE_LANGUAGE]
    for index, expected in enumerate(expected_start):
        if index >= len(names) or names[index] != expected:
            upload.fail(1, index + 1, _("the header must be “%(expected)s”.") % {"expected": expected})
    seen = set(expected_start)
    for index, name in enumerate(names[2:], start=3):
        if name not in LANGUAGE_CODES:
            upload.fail(1, index, _("“%(name)s” is not a language code of the platform.") % {"name": name})
        elif name in seen:
            upload.fail(1, index, _("the language “%(name)s” has a second column.") % {"name": name})
        seen.add(name)
    return None if upload.errors else names


def read_workbook(file: IO[bytes], *, questionnaire: Questionnaire, texts: list[Text]) -> Upload:
    """The changes an uploaded workbook proposes; raises NotASpreadsheet for a file that is not .xlsx.

    An empty cell leaves its text as it is.
    """
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise NotASpreadsheet(_("This file is not an Excel workbook (.xlsx).")) from error
    try:
        return _read_rows(workbook.worksheets[0].iter_rows(values_only=True), questionnaire, texts)
    finally:
        workbook.close()


def _read_rows(rows, questionnaire: Questionnaire, texts: list[Text]) -> Upload:
    upload = Upload()
    header = next(rows, None)
    if header is None:
        upload.fail(1, 1, _("the sheet is empty."))
        return upload
    names = _read_header(header, upload)
    if names is None:
        return upload
    by_key = {text.key: text for text in texts}
    seen_keys: set[str] = set()
    for row_number, row in enumerate(rows, start=2):
        values = [_cell_text(value) for value in row]
        if not any(value.strip() for value in values):
            continue
        key = values[0].strip() if values else ""
        text = by_key.get(key)
        if text is None:
            message = _("no key.") if not key else _("“%(key)s” is not a text of this questionnaire.") % {"key": key}
            upload.fail(row_number, 1, message)
            continue
        if key in seen_keys:
            upload.fail(row_number, 1, _("“%(key)s” has a second row.") % {"key": key})
            continue
        seen_keys.add(key)
        for column, language in enumerate(names[1:], start=2):
            new = values[column - 1] if column - 1 < len(values) else ""
            old = text.value(language)
            if not new or new == old:
                continue
            error = change_error(questionnaire, text, language=language, new=new)
            if error:
                upload.fail(row_number, column, f"{language_name(language)}: {error}")
            else:
                upload.changes.append(Change(key, language, old, new))
    return upload
