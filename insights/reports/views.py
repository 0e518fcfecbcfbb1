"""Working-group reports: the secretariat asks for one, waits for it and downloads it; others get 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from insights.reports import permissions
from insights.reports.enums import ReportFormat, ReportGrouping
from insights.reports.forms import ReportForm
from insights.reports.models import ReportJob
from insights.reports.services import record_download, request_report
from reviews.enums import ExportStatus
from revmod.accounts.http import AuthenticatedHttpRequest

RECENT = 20  # jobs listed on the page


def _secretariat(request: AuthenticatedHttpRequest) -> None:
    if not permissions.may_make_reports(request.user):
        raise Http404


def _job(request: AuthenticatedHttpRequest, pk: int) -> ReportJob:
    _secretariat(request)
    return get_object_or_404(ReportJob.objects.select_related("cycle"), pk=pk, requested_by=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _secretariat(request)
    posted = request.POST if request.method == "POST" else None
    form = ReportForm(posted, initial={"language": translation.get_language()})
    if form.is_valid():
        data = form.cleaned_data
        job = request_report(
            user=request.user,
            export_format=ReportFormat(data["format"]),
            language=data["language"],
            grouping=ReportGrouping(data["grouping"]),
            cycle=data["cycle"],
            anonymised=data["anonymised"],
        )
        return redirect("insights:report_job", pk=job.pk)
    jobs = ReportJob.objects.filter(requested_by=request.user).select_related("cycle")[:RECENT]
    status = 400 if form.is_bound else 200
    return render(request, "insights/reports/list.html", {"form": form, "jobs": jobs}, status=status)


@login_required
@require_GET
def report_job(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "insights/reports/job.html", {"job": _job(request, pk)})


@login_required
@require_GET
def report_status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    job = _job(request, pk)
    return JsonResponse({"status": job.status, "progress": job.progress})


@login_required
@require_GET
def report_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    if job.status != ExportStatus.DONE or not job.file.name:
        raise Http404
    record_download(job, user=request.user)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
