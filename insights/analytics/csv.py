"""A figure as a CSV file: UTF-8 with a byte-order mark, so that spreadsheet programs read every script."""

from __future__ import annotations

import csv
import datetime as dt
import io

from insights.analytics.figures import Figure

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def figure_csv(figure: Figure) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([_cell(figure.row_heading), *(_cell(column) for column in figure.columns)])
    for label, values in figure.rows:
        writer.writerow([_cell(label), *(_cell(value) for value in values)])
    return buffer.getvalue()


def _cell(value) -> str | int | float:
    """Dates in ISO form; a text that a spreadsheet would run as a formula is quoted with an apostrophe."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
