"""Asking for a working-group report and building it in the export worker."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from insights.reports import permissions
from insights.reports.documents import build_docx, build_xlsx, gather
from insights.reports.enums import ReportFormat, ReportGrouping
from insights.reports.models import ReportJob
from reviews.enums import ExportStatus
from reviews.models import ReviewCycle
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.queue import enqueue


class ReportError(Exception):
    pass


@transaction.atomic
def request_report(
    *,
    user,
    export_format: ReportFormat,
    language: str,
    grouping: ReportGrouping,
    cycle: ReviewCycle | None,
    anonymised: bool,
) -> ReportJob:
    """A job for the export worker, queued once the request is committed."""
    if not permissions.may_make_reports(user):
        raise ReportError(_("Only the secretariat makes working-group reports."))
    job = ReportJob.objects.create(
        requested_by=user,
        format=export_format,
        language=language,
        grouping=grouping,
        cycle=cycle,
        anonymised=anonymised,
    )
    record(
        AuditAction.EXPORT_REQUESTED,
        actor=user,
        target=job,
        data={
            "format": export_format,
            "language": language,
            "grouping": grouping,
            "cycle": cycle.pk if cycle else None,
            "anonymised": anonymised,
        },
    )
    enqueue("insights.build_report", job_id=job.pk)
    return job


def build_report(job: ReportJob) -> ReportJob:
    """Build the file, once however often the task runs; progress only goes up (as reviews' build_export)."""
    if job.status == ExportStatus.DONE:
        return job
    jobs = ReportJob.objects.filter(pk=job.pk)

    def progress(percent: int) -> None:
        jobs.filter(progress__lt=percent).update(progress=percent)

    jobs.exclude(status=ExportStatus.DONE).update(status=ExportStatus.RUNNING, progress=Greatest("progress", 5))
    try:
        with translation.override(job.language):
            report = gather(
                cycle=job.cycle,
                grouping=ReportGrouping(job.grouping),
                anonymised=job.anonymised,
                progress=progress,
            )
            if job.format == ReportFormat.XLSX:
                content = build_xlsx(report, progress=progress)
            else:
                content = build_docx(report, language=job.language, progress=progress)
        job.file.save(job.file_name, ContentFile(content), save=False)
    except Exception as error:
        jobs.exclude(status=ExportStatus.DONE).update(status=ExportStatus.FAILED, error=str(error)[:2000])
        raise
    stored = job.file.name or ""
    finished = jobs.exclude(status=ExportStatus.DONE).update(
        file=stored, status=ExportStatus.DONE, progress=100, finished_at=timezone.now(), error=""
    )
    if not finished:
        job.file.storage.delete(stored)  # another run finished first: its file is the report
    job.refresh_from_db()
    return job


def record_download(job: ReportJob, *, user) -> None:
    record(AuditAction.EXPORT_DOWNLOADED, actor=user, target=job, data={"format": job.format})
