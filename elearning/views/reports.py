"""Completion and attendance reports, on screen and as CSV."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from elearning import permissions, reports
from elearning.enums import ReportDimension
from elearning.forms import ReportForm


def _dimension(request: HttpRequest) -> tuple[ReportForm, str]:
    if not permissions.can_view_reports(request.user):
        raise Http404
    form = ReportForm(request.GET or None)
    return form, form.cleaned_data["by"] if form.is_valid() else ReportDimension.COURSE


@login_required
def report(request: HttpRequest) -> HttpResponse:
    form, dimension = _dimension(request)
    return render(
        request,
        "elearning/reports/report.html",
        {
            "form": form,
            "dimension": ReportDimension(dimension),
            "rows": reports.training_report(request.user, dimension=dimension),
            "headline": reports.trained_headline(request.user),
        },
    )


@login_required
def report_csv(request: HttpRequest) -> HttpResponse:
    _form, dimension = _dimension(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-by-{dimension}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            ReportDimension(dimension).label,
            pgettext("column of counts of people", "Enrolled"),
            pgettext("column of counts of people", "Completed"),
            _("Completion rate (%)"),
            _("Registered for sessions"),
            pgettext("column of counts of people", "Attended"),
        ]
    )
    for row in reports.training_report(request.user, dimension=dimension):
        writer.writerow([row.label, row.enrolled, row.completed, row.completion_rate, row.registered, row.attended])
    return response
