from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from reviews import permissions, selectors
from reviews.enums import ExportFormat, ExportStatus
from reviews.models import ExportJob, ReviewCycle
from reviews.services import ReviewError
from reviews.services.exports import as_csv, as_xlsx, cycle_answer_rows, cycle_overview_rows, request_export
from revmod.accounts.http import AuthenticatedHttpRequest
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@login_required
@require_POST
def export_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    export_format = request.POST.get("format")
    language = request.POST.get("language")
    if export_format not in ExportFormat.values or language not in dict(settings.LANGUAGES):
        messages.error(request, translation.gettext("Choose a format and a language."))
        return redirect("reviews:detail", pk=review.pk)
    try:
        job = request_export(
            review,
            user=request.user,
            export_format=ExportFormat(export_format),
            language=language,
            include_threads=request.POST.get("threads") == "1",
        )
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect("reviews:detail", pk=review.pk)
    return redirect("reviews:export_job", pk=review.pk, job_pk=job.pk)


def _job(request: AuthenticatedHttpRequest, pk: int, job_pk: int) -> ExportJob:
    review = selectors.get_review_for_user(request.user, pk)
    job = ExportJob.objects.filter(pk=job_pk, review=review, requested_by=request.user).first()
    if job is None or not permissions.can_read_answers(request.user, review):
        raise Http404
    return job


@login_required
@require_GET
def export_job(request: AuthenticatedHttpRequest, pk: int, job_pk: int) -> HttpResponse:
    job = _job(request, pk, job_pk)
    return render(
        request,
        "reviews/exports/job.html",
        {"job": job, "review": job.review, "waiting": job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)},
    )


@login_required
@require_GET
def export_status(request: AuthenticatedHttpRequest, pk: int, job_pk: int) -> JsonResponse:
    job = _job(request, pk, job_pk)
    return JsonResponse({"status": job.status, "progress": job.progress})


@login_required
@require_GET
def export_download(request: AuthenticatedHttpRequest, pk: int, job_pk: int) -> FileResponse:
    job = _job(request, pk, job_pk)
    if job.status != ExportStatus.DONE or not job.file.name:
        raise Http404
    record(AuditAction.EXPORT_DOWNLOADED, actor=request.user, target=job, review_id=job.review_id)
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export_cycle(request: AuthenticatedHttpRequest, cycle_pk: int, what: str, extension: str) -> HttpResponse:
    if not permissions.can_manage_reviews(request.user) or what not in ("overview", "answers"):
        raise Http404
    cycle = get_object_or_404(ReviewCycle, pk=cycle_pk)
    rows = cycle_overview_rows(cycle) if what == "overview" else list(cycle_answer_rows(cycle))
    record(AuditAction.EXPORT_DOWNLOADED, actor=request.user, target=cycle, data={"what": what, "format": extension})
    name = f"{what}-cycle-{cycle.pk}.{extension}"
    if extension == "csv":
        content, kind = as_csv(rows), "text/csv; charset=utf-8"
    else:
        content = as_xlsx({what: rows})
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
