"""Figures drawn on the server as accessible SVG with pygal, fit for the page's Content Security Policy.

pygal writes a stylesheet, a script and style attributes into each chart; the CSP forbids all
three, so they are removed and the chart is styled by insights/static/insights/analytics.css.
Each chart is an image (role="img") named by its <title> and described by its <desc>; the table
that follows it carries the figures themselves.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys

import pygal
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from lxml import etree
from pygal.style import Style

from insights.analytics.figures import Figure

# pygal hooks the imports for its map plug-ins (pygal.maps.*, unused here) with a finder of the old
# protocol that warns at every later import; the charts need no plug-in.
sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)]

SVG = "{http://www.w3.org/2000/svg}"
# Colours are set by the stylesheet (.color-N); this only keeps pygal from guessing fonts.
PLAIN = Style(font_family="inherit", background="transparent", plot_background="transparent")
KINDS = {"bar": pygal.StackedBar, "percent": pygal.Bar, "horizontal": pygal.HorizontalStackedBar}


CACHE_SECONDS = 24 * 3600


def chart_svg(figure: Figure, *, rtl: bool = False) -> SafeString:
    """The figure's chart as inline SVG, kept in the cache under a digest of everything it shows.

    Drawing takes pygal tens of milliseconds a chart; the figures themselves are counted afresh on
    every view, and a figure that changed has another digest, so a chart is never stale.
    """
    content = json.dumps(
        [figure.slug, figure.title, figure.description, figure.columns, figure.rows, figure.chart, rtl], default=str
    )
    key = "insights:chart:" + hashlib.sha256(content.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw(figure, rtl=rtl)
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 - built and escaped by lxml


def draw(figure: Figure, *, rtl: bool = False) -> str:
    """The figure's chart as SVG: no script, no style, its texts escaped.

    Right to left, the categories run from the right and the value axis stands on the right, as
    an Arabic reader expects. Horizontal bars read from the top in either direction (pygal draws
    the first row at the bottom).
    """
    kind = KINDS[figure.chart or "bar"]
    horizontal = figure.chart == "horizontal"
    rows = list(reversed(figure.rows)) if horizontal or rtl else figure.rows
    series = figure.columns[:1] if figure.chart == "percent" else figure.columns
    chart = kind(
        style=PLAIN,
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        explicit_size=False,
        width=800,
        height=max(300, 28 * len(rows) + 120) if horizontal else 400,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_legend=40,
        truncate_label=30,
        x_label_rotation=0 if horizontal or len(rows) <= 8 else 45,
        print_zeroes=False,
        show_legend=len(series) > 1,
        range=(0, 100) if figure.chart == "percent" else None,
        y_labels=None if figure.chart == "percent" else whole_numbers(rows, stacked=len(series)),
        margin_right=40 if rtl and not horizontal else None,
        tooltip_fancy_mode=False,
    )
    chart.x_labels = [label for label, _values in rows]
    column = figure.columns.index(figure.columns[-1]) if figure.chart == "percent" else None
    for index, name in enumerate(series):
        position = column if column is not None else index
        chart.add(name, [values[position] for _label, values in rows])
    root = clean(chart.render(is_unicode=True), figure, rtl=rtl)
    if rtl and not horizontal:
        value_axis_to_the_right(root)
    return etree.tostring(root, encoding="unicode")


def whole_numbers(rows: list, *, stacked: int) -> list[int]:
    """Up to about eight whole-number ticks from 0 past the tallest stack: reviews come in ones."""
    top = max((sum(value for value in values[:stacked] if value) for _label, values in rows), default=0)
    step = max(1, math.ceil(top / 8))
    return list(range(0, top + step, step))


def value_axis_to_the_right(root) -> None:
    """Move the value axis, its line and its labels, from the left edge of the plot to the right."""
    root.set("class", root.get("class") + " chart--axis-right")
    plot = root.find(f".//{SVG}g[@class='plot']")
    width = plot.find(f"{SVG}rect").get("width")
    axis = plot.find(f"{SVG}g[@class='axis y always_show']")
    for text in axis.iter(f"{SVG}text"):
        text.set("x", str(float(width) + 5))
    line = plot.find(f"{SVG}g[@class='axis x']/{SVG}path[@class='line']")  # the value axis's own line
    if line is not None:
        line.set("d", line.get("d").replace("M0.000000 ", f"M{width} ", 1))


def clean(svg: str, figure: Figure, *, rtl: bool):
    """pygal's SVG without its style, script and comments, named and described for assistive technology."""
    root = etree.fromstring(svg.encode())  # pygal's own output
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments and processing instructions
            continue
        element.attrib.pop("style", None)
        for name in [name for name in element.attrib if name.startswith("on")]:
            del element.attrib[name]
    for element in list(root.iter(etree.Comment, f"{SVG}style", f"{SVG}script", f"{SVG}title")):
        element.getparent().remove(element)
    chart_id = f"chart-{figure.slug}"
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("class", "pygal-chart chart--rtl" if rtl else "pygal-chart")
    desc = etree.Element(f"{SVG}desc", id=f"{chart_id}-desc")
    desc.text = figure.description
    title = etree.Element(f"{SVG}title", id=f"{chart_id}-title")
    title.text = figure.title
    root.insert(0, desc)
    root.insert(0, title)
    return root
