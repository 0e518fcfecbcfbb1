"""An anonymised report names no State in any of the seven languages, no ISO code and no person.

The files are read back as a reader would (openpyxl, python-docx): every cell and sheet name,
every paragraph, table, header and footer, and the document properties. The names looked for
come from the sources directly (revmod.states, the CLDR through Babel, pycountry), not from
the scrubber under test.
"""

from __future__ import annotations

import io
import re
from functools import cache

import pycountry
import pytest
from babel import Locale
from django.conf import settings
from django.utils.translation import to_locale
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from insights.reports.enums import ReportFormat, ReportGrouping
from insights.reports.models import ReportJob
from insights.reports.services import build_report
from revmod.states.models import MemberState
from tests.insights.reports.conftest import NEVER

pytestmark = pytest.mark.django_db

JOINED = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff]")


@cache
def forbidden() -> tuple[list[str], list[str]]:
    """(every name of every member State, every ISO 3166 code of them)."""
    names, codes = set(), set()
    locales = [Locale.parse(to_locale(code)) for code, _name in settings.LANGUAGES]
    columns = [f"name_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES]
    for row in MemberState.objects.values("iso2", "iso3", *columns):
        country = pycountry.countries.get(alpha_3=row["iso3"])
        names |= {row[column] for column in columns if row[column]}
        names |= {locale.territories[row["iso2"]] for locale in locales if row["iso2"] in locale.territories}
        names |= {
            getattr(country, field) for field in ("name", "official_name", "common_name") if hasattr(country, field)
        }
        codes |= {row["iso2"], row["iso3"]}
    return sorted(names), sorted(codes)


def leaks(text: str) -> list[str]:
    names, codes = forbidden()
    found = []
    for name in names:
        if JOINED.search(name):
            if name in text:
                found.append(name)
        elif re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            found.append(name)
    found += [code for code in codes if re.search(rf"(?<![\w.]){code}(?!\w)", text)]
    return found


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content))
    properties = workbook.properties
    parts = [
        str(getattr(properties, name) or "")
        for name in ("creator", "title", "subject", "description", "keywords", "lastModifiedBy", "category")
    ]
    for sheet in workbook.worksheets:
        parts.append(sheet.title)
        parts += [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    return "\n".join(parts)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    properties = document.core_properties
    parts = [
        str(getattr(properties, name) or "")
        for name in (
            "author",
            "title",
            "subject",
            "comments",
            "keywords",
            "last_modified_by",
            "category",
            "identifier",
            "content_status",
        )
    ]
    parts += [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.even_page_header):
            parts += [paragraph.text for paragraph in part.paragraphs]
    return "\n".join(parts)


def build(world, *, export_format: ReportFormat, language: str, grouping: ReportGrouping, anonymised=True) -> str:
    job = ReportJob.objects.create(
        requested_by=world.secretariat,
        format=export_format,
        language=language,
        grouping=grouping,
        anonymised=anonymised,
    )
    built = build_report(job)
    content = built.file.open("rb").read()
    return xlsx_text(content) if export_format == ReportFormat.XLSX else docx_text(content)


@pytest.mark.parametrize("export_format", list(ReportFormat))
@pytest.mark.parametrize(
    ("language", "grouping"),
    [
        ("en", ReportGrouping.ARTICLE),
        ("ar", ReportGrouping.REGION),
        ("zh-hans", ReportGrouping.INSTRUMENT),
        ("ru", ReportGrouping.ARTICLE),
    ],
)
def test_an_anonymised_report_names_no_state_code_or_person(world, lists, export_format, language, grouping):
    text = build(world, export_format=export_format, language=language, grouping=grouping)

    assert leaks(text) == []
    assert [word for word in ("Франции", "Египта", "وفرنسا", "Égypte", "فرنسا") if word in text] == []
    people = [
        user.full_name for user in (world.focal_point, world.reviewing_focal_point, world.stranger, world.secretariat)
    ]
    assert [name for name in people if name in text] == []
    assert "Training for the judges of" in text or language != "en"


@pytest.mark.parametrize("export_format", list(ReportFormat))
def test_the_check_finds_names_and_codes_in_a_report_that_is_not_anonymised(world, lists, export_format):
    text = build(world, export_format=export_format, language="en", grouping=ReportGrouping.ARTICLE, anonymised=False)

    assert {"France", "Egypt", "Germany", "Morocco", "FRA", "EGY", "法国"} <= set(leaks(text))


def test_states_are_numbered_consistently_within_one_report(world, lists):
    text = build(world, export_format=ReportFormat.XLSX, language="en", grouping=ReportGrouping.ARTICLE)

    france_label = re.search(r"(State \d+) \(State \d+, State \d+\) has no offence", text)
    assert france_label is not None
    assert text.count(france_label.group(1)) >= 4  # its rows, and its names in the texts
    assert "another State said so" in text  # Morocco, a reviewing State, is not one of the report's States


@pytest.mark.parametrize("export_format", list(ReportFormat))
@pytest.mark.parametrize("anonymised", [True, False])
def test_no_draft_list_nor_list_of_a_review_under_way_reaches_the_file(world, lists, export_format, anonymised):
    text = build(
        world, export_format=export_format, language="en", grouping=ReportGrouping.ARTICLE, anonymised=anonymised
    )

    assert "has no offence of participation" in text
    assert [word for word in NEVER if word in text] == []


def test_an_arabic_report_reads_right_to_left(world, lists):
    word_job = build_report(
        ReportJob.objects.create(
            requested_by=world.secretariat, format=ReportFormat.DOCX, language="ar", grouping=ReportGrouping.REGION
        )
    )
    sheet_job = build_report(
        ReportJob.objects.create(
            requested_by=world.secretariat, format=ReportFormat.XLSX, language="ar", grouping=ReportGrouping.REGION
        )
    )

    document = Document(word_job.file.open("rb"))
    workbook = load_workbook(sheet_job.file.open("rb"))
    assert all(paragraph._p.pPr.find(qn("w:bidi")) is not None for paragraph in document.paragraphs)
    assert all(table._tbl.tblPr.find(qn("w:bidiVisual")) is not None for table in document.tables)
    assert document.tables
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
