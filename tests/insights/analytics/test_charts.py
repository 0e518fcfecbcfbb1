"""Charts as SVG: no script or style for the CSP, every text escaped, mirrored right to left."""

from __future__ import annotations

import re

from lxml import etree

from insights.analytics import charts
from insights.analytics.charts import chart_svg
from insights.analytics.csv import figure_csv
from insights.analytics.figures import Figure

HOSTILE = '<script>alert("x")</script>" onload="alert(1)'


def figure(chart="bar", rows=None) -> Figure:
    return Figure(
        slug="test",
        title=f"Title {HOSTILE}",
        description=f"About {HOSTILE}",
        row_heading="Row",
        columns=["First", f"Second {HOSTILE}"],
        rows=rows or [(f"Label {HOSTILE}", [1, 2]), ("Other", [3, 0])],
        chart=chart,
    )


def test_a_chart_has_no_script_style_or_event_attribute():
    for kind in ("bar", "percent", "horizontal"):
        root = etree.fromstring(str(chart_svg(figure(kind))).encode())

        tags = {etree.QName(element).localname for element in root.iter() if isinstance(element.tag, str)}
        attributes = {name for element in root.iter() if isinstance(element.tag, str) for name in element.attrib}
        assert tags & {"script", "style", "foreignObject"} == set()
        assert [name for name in attributes if name == "style" or name.startswith("on")] == []


def test_every_text_in_a_chart_is_escaped():
    svg = str(chart_svg(figure()))

    root = etree.fromstring(svg.encode())
    assert [element for element in root.iter() if element.tag.endswith("}script")] == []
    assert "&lt;script&gt;" in svg
    assert root.find("{http://www.w3.org/2000/svg}title").text == f"Title {HOSTILE}"


def test_right_to_left_the_categories_are_mirrored_and_the_values_stand_on_the_right():
    left_to_right = str(chart_svg(figure()))
    right_to_left = str(chart_svg(figure(), rtl=True))

    def categories(svg: str) -> list[str]:
        axis = re.search(r'<g class="axis x[^"]*">.*?</g></g>', svg, re.S).group(0)
        return re.findall(r"<text[^>]*>([^<]+)</text>", axis)

    def value_label_positions(svg: str) -> set[float]:
        axis = re.search(r'<g class="axis y always_show">.*?</g></g>', svg, re.S).group(0)
        return {float(x) for x in re.findall(r'<text x="([-\d.]+)"', axis)}

    plot_width = float(re.search(r'class="plot"><rect x="0" y="0" width="([\d.]+)"', right_to_left).group(1))
    assert categories(right_to_left) == list(reversed(categories(left_to_right)))
    assert value_label_positions(left_to_right) == {-5.0}
    assert value_label_positions(right_to_left) == {plot_width + 5}
    assert 'class="pygal-chart chart--rtl chart--axis-right"' in right_to_left


def test_a_csv_cell_that_a_spreadsheet_would_run_is_quoted():
    body = figure_csv(figure(rows=[("=HYPERLINK(1)", [1, 2]), ("-2+3", [-1, 0])]))

    assert body.splitlines()[1].startswith("'=HYPERLINK(1)")
    assert body.splitlines()[2] == "'-2+3,-1,0"


def test_a_chart_is_drawn_once_and_drawn_again_when_its_figures_change(monkeypatch):
    drawn = []
    original = charts.draw
    monkeypatch.setattr(charts, "draw", lambda figure, rtl: drawn.append(figure) or original(figure, rtl=rtl))
    changed = figure(rows=[("Label", [1, 5])])

    first, again, other = chart_svg(figure()), chart_svg(figure()), chart_svg(changed)

    assert first == again
    assert other != first
    assert drawn == [figure(), changed]
    assert str(chart_svg(figure(), rtl=True)) != str(first)
