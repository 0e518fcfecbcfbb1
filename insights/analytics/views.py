from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import get_language_bidi

from insights.analytics import charts, figures
from insights.analytics.csv import figure_csv
from insights.analytics.forms import AnalyticsFilterForm
from insights.permissions import may_see_analytics


def _filters(request: HttpRequest) -> tuple[AnalyticsFilterForm, dict]:
    if not may_see_analytics(request.user):
        raise Http404
    form = AnalyticsFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@login_required
def analytics(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    rtl = get_language_bidi()
    shown = [
        (figure, charts.chart_svg(figure, rtl=rtl) if figure.chart and figure.rows else None)
        for figure in ([] if form.errors else figures.all_figures(filters))
    ]
    query = request.GET.urlencode() if form.is_valid() else ""
    return render(request, "insights/analytics/page.html", {"form": form, "shown": shown, "query": query})


@login_required
def figure_download(request: HttpRequest, slug: str) -> HttpResponse:
    form, filters = _filters(request)
    if form.errors:
        errors = [f"{form.fields[name].label}: {error}" for name, messages in form.errors.items() for error in messages]
        return HttpResponseBadRequest("\n".join(errors), content_type="text/plain; charset=utf-8")
    figure = figures.one_figure(slug, filters)
    if figure is None:
        raise Http404
    response = HttpResponse(figure_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    return response
