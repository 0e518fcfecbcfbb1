"""What a working-group report holds: only the transmitted lists, grouped, in the chosen language."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from insights.reports.documents import build_xlsx, gather
from insights.reports.enums import ReportGrouping, ReportSection
from insights.reports.selectors import working_group_lists
from tests.insights.reports.conftest import NEVER

pytestmark = pytest.mark.django_db


def make(grouping=ReportGrouping.ARTICLE, *, cycle=None, anonymised=False, language="en"):
    with translation.override(language):
        return gather(cycle=cycle, grouping=grouping, anonymised=anonymised, progress=lambda _percent: None)


def texts(report) -> str:
    cells = [report.title, *report.lines]
    for section in report.sections:
        cells += [section.title, *section.headers]
        for group in section.groups:
            cells.append(group.label)
            for row in group.rows:
                cells += row
    return "\n".join(cells)


def test_only_agreed_lists_of_finalized_reviews_go_to_the_working_groups(lists):
    assert set(working_group_lists()) == {lists.france, lists.egypt}


def test_drafts_lists_of_reviews_under_way_and_suggestions_never_reach_the_report(lists):
    everything = texts(make()) + texts(make(anonymised=True))

    assert [word for word in NEVER if word in everything] == []


def test_each_section_holds_its_categories_grouped_by_article(lists):
    sections = {section.title: section for section in make().sections}

    findings = sections[str(ReportSection.FINDINGS.label)]
    assert [group.label for group in findings.groups] == [str(lists.article_5), str(lists.article_3)]
    assert [row[0] for row in findings.groups[0].rows] == ["Egypt", "France"]
    assert [row[1] for row in findings.groups[0].rows] == ["Morocco", "Germany"]
    assert sections[str(ReportSection.GOOD_PRACTICES.label)].observations == 1
    assistance = sections[str(ReportSection.ASSISTANCE.label)]
    assert [group.label for group in assistance.groups] == [str(lists.article_3), "No article named"]


def test_technical_assistance_rows_carry_the_kind_of_assistance_and_the_priority_in_the_reports_language(lists):
    english = {section.title: section for section in make().sections}[str(ReportSection.ASSISTANCE.label)]
    with translation.override("fr"):
        title = str(ReportSection.ASSISTANCE.label)
    french = {section.title: section for section in make(language="fr").sections}[title]

    assert english.headers[-2:] == ["Kind of assistance", "Priority"]
    assert [group.rows[0][-2:] for group in english.groups] == [["Training", "High"], ["Equipment", "Medium"]]
    assert french.headers[-2:] == ["Type d\u2019assistance", "Priorité"]
    assert french.groups[0].rows[0][-2:] == ["Formation", "Élevée"]


def test_grouping_by_region_and_by_instrument(lists):
    by_region = make(ReportGrouping.REGION).sections[0]
    by_instrument = make(ReportGrouping.INSTRUMENT).sections[0]

    assert [group.label for group in by_region.groups] == ["African Group", "Western European and Others Group"]
    assert [group.label for group in by_instrument.groups] == ["Convention", "Trafficking in Persons Protocol"]


def test_a_cycle_filters_the_reviews(lists, world):
    other_cycle_report = make(cycle=lists.chile.review.cycle)

    assert sum(section.observations for section in other_cycle_report.sections) == 0
    assert sum(section.observations for section in make(cycle=world.review.cycle).sections) == 5


def test_the_labels_are_in_the_chosen_language(lists):
    findings = make(language="fr").sections[0]
    first = findings.groups[0].rows[1]

    assert findings.headers == [
        "État",
        "État examinateur",
        "Groupe régional",
        "Instrument",
        "Articles",
        "Catégorie",
        "Observation",
    ]
    assert first[:3] == ["France", "Allemagne", "Groupe des États d’Europe occidentale et autres États"]  # noqa: RUF001
    assert first[5] == "Lacune"


def test_a_text_that_looks_like_a_formula_stays_text_in_the_spreadsheet(lists):
    item = lists.france.items.first()
    item.text = '=HYPERLINK("http://example.org","click")'
    item.save(update_fields=["text"])

    workbook = load_workbook(io.BytesIO(build_xlsx(make(), progress=lambda _percent: None)))

    cells = [cell for row in workbook["Gaps and challenges"].iter_rows() for cell in row if cell.value == item.text]
    assert [cell.data_type for cell in cells] == ["s"]
