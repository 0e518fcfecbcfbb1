"""A working-group report as a table of sections and groups, and that table as XLSX or DOCX."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import get_language_bidi, pgettext
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook

from insights.reports import selectors
from insights.reports.anonymise import Scrubber
from insights.reports.enums import ReportGrouping, ReportSection
from insights.reports.selectors import Entry

Progress = Callable[[int], None]


@dataclass
class Group:
    label: str
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    headers: list[str]
    groups: list[Group]
    observations: int  # an observation on two articles is in two groups, counted once here


@dataclass
class Report:
    title: str
    lines: list[str]  # what the report covers: cycle, grouping, date, anonymisation
    sections: list[Section]


def _article_order(article) -> tuple:
    number = re.match(r"\d+", article.number)
    return (article.instrument.order, int(number.group()) if number else 0, article.number)


def _groups_of(entry: Entry, grouping: ReportGrouping) -> list[tuple[tuple, str]]:
    """The groups an observation appears in, each as (sort key, label): one per article or instrument it names."""
    if grouping == ReportGrouping.ARTICLE:
        groups = [(_article_order(article), str(article)) for article in entry.articles]
        return groups or [((10_000,), selectors.no_article_label())]
    if grouping == ReportGrouping.INSTRUMENT:
        groups = [((instrument.order,), str(instrument)) for instrument in entry.instruments]
        return groups or [((10_000,), _("No instrument named"))]
    state = entry.state
    return [((state.regional_group,), state.get_regional_group_display())]


class _Pseudonyms:
    """'State 1', 'State 2'... for the States under review, numbered in an order that tells nothing."""

    def __init__(self, iso3_codes: set[str]) -> None:
        shuffled = sorted(iso3_codes)
        random.SystemRandom().shuffle(shuffled)
        self._numbers = {iso3: number for number, iso3 in enumerate(shuffled, start=1)}

    def __call__(self, iso3: str | None) -> str | None:
        number = self._numbers.get(iso3 or "")
        return _("State %(number)s") % {"number": number} if number else None


def gather(*, cycle, grouping: ReportGrouping, anonymised: bool, progress: Progress) -> Report:
    """The report's table, in the active language; with ``anonymised`` no State, code or person is left."""
    lists = selectors.working_group_lists(cycle)
    entries = {section: selectors.section_entries(section, lists) for section in ReportSection}
    progress(30)
    clean: Callable[[str], str] = str
    label_of: Callable[[str | None], str | None] = lambda _iso3: None  # noqa: E731 - named only to be replaced
    if anonymised:
        label_of = _Pseudonyms({entry.state.iso3 for found in entries.values() for entry in found})
        clean = Scrubber(label_of=label_of, people=selectors.people_of(lists))
    sections = []
    for section, found in entries.items():
        headers = [_("State"), _("Regional group"), _("Instrument"), _("Articles"), _("Category"), _("Observation")]
        if not anonymised:
            headers.insert(1, _("Reviewing State"))
        headers += selectors.section_columns(section)
        grouped: dict[tuple, Group] = {}
        for entry in found:
            row = [
                label_of(entry.state.iso3) or entry.state.name,
                entry.state.get_regional_group_display(),
                "; ".join(clean(str(instrument)) for instrument in entry.instruments),
                "; ".join(clean(str(article)) for article in entry.articles),
                entry.observation.get_category_display(),
                clean(entry.observation.text),
                *(clean(detail) for detail in entry.details),
            ]
            if not anonymised:
                row.insert(1, entry.reviewing_state.name)
            for key, label in _groups_of(entry, grouping):
                grouped.setdefault((key, label), Group(clean(label), [])).rows.append(row)
        groups = [grouped[key] for key in sorted(grouped)]
        sections.append(Section(title=str(section.label), headers=headers, groups=groups, observations=len(found)))
    progress(50)
    lines = [
        clean(cycle.title) if cycle else _("All cycles"),
        str(grouping.label),
        _("Made on %(date)s") % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
    ]
    if anonymised:
        lines.append(_("Anonymised: States are numbered within this report and no State or person is named."))
    return Report(title=_("Working-group report"), lines=lines, sections=sections)


def build_xlsx(report: Report, *, progress: Progress) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = workbook.properties.lastModifiedBy = ""
    workbook.properties.title = report.title
    cover = workbook.active
    cover.title = pgettext("report sheet", "Report")[:31]
    cover.sheet_view.rightToLeft = get_language_bidi()
    cover.append([report.title])
    for line in report.lines:
        cover.append([line])
    cover.append([])
    for section in report.sections:
        cover.append([section.title, section.observations])
    for section in report.sections:
        sheet = workbook.create_sheet(title=section.title[:31])
        sheet.sheet_view.rightToLeft = get_language_bidi()
        sheet.append([_("Group"), *section.headers])
        for group in section.groups:
            for row in group.rows:
                sheet.append([group.label, *row])
                for cell in sheet[sheet.max_row]:
                    if cell.data_type == "f":  # a text starting with "=" stays text, never a formula
                        cell.data_type = "s"
        sheet.freeze_panes = "A2"
    progress(80)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rtl(paragraph) -> None:
    """Right to left (python-docx has no API for it); the paragraphs here carry no spacing or alignment."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def _rtl_table(table) -> None:
    """Columns from right to left: <w:bidiVisual> goes right after the table's style (ECMA-376 order)."""
    properties = table._tbl.tblPr
    bidi = OxmlElement("w:bidiVisual")
    style = properties.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(bidi)
    else:
        properties.insert(0, bidi)


def build_docx(report: Report, *, language: str, progress: Progress) -> bytes:
    rtl = get_language_bidi()
    word = Document()
    properties = word.core_properties
    properties.author = properties.last_modified_by = properties.comments = properties.keywords = ""
    properties.title = report.title
    style = word.styles["Normal"]
    style.font.size = Pt(10)
    style.font.name = "Noto Naskh Arabic" if rtl else ("Noto Sans CJK SC" if language == "zh-hans" else "Noto Sans")
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    style.element.rPr.rFonts.set(qn("w:cs"), "Noto Naskh Arabic")

    def written(paragraph):
        if rtl:
            _rtl(paragraph)
        return paragraph

    written(word.add_heading(report.title, level=0))
    for line in report.lines:
        written(word.add_paragraph(line))
    for section in report.sections:
        written(word.add_heading(section.title, level=1))
        if not section.groups:
            written(word.add_paragraph(_("Nothing of this kind in the agreed lists of observations.")))
        for group in section.groups:
            written(word.add_heading(group.label, level=2))
            table = word.add_table(rows=1, cols=len(section.headers))
            table.style = "Table Grid"
            if rtl:
                _rtl_table(table)
            for cell, header in zip(table.rows[0].cells, section.headers, strict=True):
                cell.text = header
                written(cell.paragraphs[0]).runs[0].bold = True
            for row in group.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value
                    written(cell.paragraphs[0])
    progress(80)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
