from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_bidi

from insights.analytics import charts, figures, snapshot
from insights.analytics.csv import figure_csv
from insights.analytics.forms import AnalyticsFilterForm
from insights.permissions import may_see_analytics


def _filters(request: HttpRequest) -> tuple[AnalyticsFilterForm, dict]:
    if not may_see_analytics(request.user):
        raise Http404
    form = AnalyticsFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


def _figures_html(filters: dict, query: str) -> SafeString:
    """Every figure with its chart, table and CSV link, rendered."""
    rtl = get_language_bidi()
    shown = [
        (figure, charts.chart_svg(figure, rtl=rtl) if figure.chart and figure.rows else None)
        for figure in figures.all_figures(filters)
    ]
    return render_to_string("insights/analytics/_figures.html", {"shown": shown, "query": query})


@login_required
def analytics(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context: dict = {"form": form, "snapshot": None}
    if not form.errors:
        query = request.GET.urlencode() if form.is_valid() else ""
        context["snapshot"] = snapshot.kept_or_counted(
            language=get_language(), query=query, count=lambda: _figures_html(filters, query)
        )
        context["fresh_minutes"] = snapshot.FRESH_SECONDS // 60
    return render(request, "insights/analytics/page.html", context)


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
