"""Exports of a review, built in the background, and of a cycle for the secretariat."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from reviews import permissions
from reviews.documents import (
    build_docx,
    build_output_docx,
    build_output_pdf,
    build_pdf,
    gather,
    need_line,
    output_document,
)
from reviews.enums import ExportFormat, ExportStatus
from reviews.forms import value_as_text
from reviews.models import Answer, AssistanceNeed, CountryReview, ExportJob, Feedback, ObservationList, Summary
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.queue import enqueue


@transaction.atomic
def request_export(
    review: CountryReview, *, user, export_format: ExportFormat, language: str, include_threads: bool
) -> ExportJob:
    if not permissions.can_read_answers(user, review):
        raise ReviewError(_("You cannot export this review."))
    job = ExportJob.objects.create(
        review=review, requested_by=user, format=export_format, language=language, include_threads=include_threads
    )
    record(
        AuditAction.EXPORT_REQUESTED,
        actor=user,
        target=job,
        review_id=review.pk,
        data={"format": export_format, "language": language, "threads": include_threads},
    )
    enqueue("reviews.build_export", job_id=job.pk)
    return job


STRANDED_AFTER = timedelta(minutes=2)  # a queued export starts well within this


def stranded_exports(now) -> list[int]:
    """Exports still queued long after they were asked for: their task never reached the broker."""
    return list(
        ExportJob.objects.filter(
            status=ExportStatus.QUEUED, created_at__lt=now - STRANDED_AFTER, created_at__gte=now - timedelta(days=1)
        ).values_list("pk", flat=True)
    )


def build_export(job: ExportJob) -> ExportJob:
    """Build the document, once, however often the task runs.

    The task is acknowledged only when it ends, so a worker killed in the middle leaves it to
    be delivered again and built from the start. Meanwhile the progress the page shows never
    goes back: each run raises it only past what an earlier run reached. Two runs may overlap
    (a delivery after the visibility timeout while the first still builds): the first to finish
    stores its file, the other removes its own.
    """
    if job.status == ExportStatus.DONE:
        return job  # a task run twice does not build twice

    jobs = ExportJob.objects.filter(pk=job.pk)

    def progress(percent: int) -> None:
        jobs.filter(progress__lt=percent).update(progress=percent)

    jobs.exclude(status=ExportStatus.DONE).update(status=ExportStatus.RUNNING, progress=Greatest("progress", 5))
    try:
        with translation.override(job.language):  # answers like "yes" are worded in the document's language
            document = gather(
                job.review,
                reader=job.requested_by,
                include_threads=job.include_threads,
                progress=progress,
                language=job.language,  # the review's texts too, where it has translations into that language
            )
        builder = build_pdf if job.format == ExportFormat.PDF else build_docx
        content = builder(document, language=job.language, progress=progress)
    except Exception as error:
        jobs.exclude(status=ExportStatus.DONE).update(status=ExportStatus.FAILED, error=str(error)[:2000])
        raise
    name = f"review-{slugify(job.review.state.name_en)}-{job.language}.{job.format}"
    job.file.save(name, ContentFile(content), save=False)
    stored = job.file.name or ""
    finished = jobs.exclude(status=ExportStatus.DONE).update(
        file=stored, status=ExportStatus.DONE, progress=100, finished_at=timezone.now(), error=""
    )
    if not finished:
        job.file.storage.delete(stored)  # another run finished first: its file is the export
    job.refresh_from_db()
    return job


def output_file(
    output: Feedback | ObservationList | Summary, *, user, export_format: ExportFormat, language: str
) -> tuple[str, bytes]:
    """One output as a file named after the State under review and the output, for someone who may read it."""
    with translation.override(language):
        document = output_document(output)
        builder = build_output_pdf if export_format == ExportFormat.PDF else build_output_docx
        content = builder(document, language=language)
    record(
        AuditAction.EXPORT_DOWNLOADED,
        actor=user,
        target=output,
        review_id=output.review_id,
        data={"format": export_format, "language": language},
    )
    return f"{slugify(output.review.state.name_en)}-{document.name}-{language}.{export_format}", content


def cycle_overview_rows(cycle) -> list[list]:
    reviews = CountryReview.objects.filter(cycle=cycle).select_related("state", "group").order_by("state__name")
    rows: list[list] = [
        [_("State"), "ISO3", _("Regional group"), _("Group"), _("Step"), _("Deadline"), _("Late"), _("Submitted")]
    ]
    now = timezone.now()
    for review in reviews:
        rows.append(
            [
                review.state.name,
                review.state.iso3,
                review.state.get_regional_group_display(),
                review.group.number,
                review.get_step_display(),
                review.due_at.date().isoformat() if review.due_at else "",
                _("Yes") if review.due_at and review.due_at < now and review.step != "finalized" else _("No"),
                review.submitted_at.date().isoformat() if review.submitted_at else "",
            ]
        )
    return rows


def cycle_answer_rows(cycle):
    yield [
        _("State"),
        "ISO3",
        _("Questionnaire"),
        _("Question"),
        _("Answer"),
        _("Technical assistance needs"),
        _("Revision"),
        _("Updated"),
    ]
    answers = (
        Answer.objects.filter(review__cycle=cycle)
        .select_related("review__state", "question__questionnaire")
        .prefetch_related(
            "question__choices",
            Prefetch(
                "assistance_needs",
                queryset=AssistanceNeed.objects.select_related("category", "article").order_by("order", "pk"),
            ),
        )
        .order_by("review__state__name", "question__order")
    )
    for answer in answers.iterator(chunk_size=2000):
        yield [
            answer.review.state.name,
            answer.review.state.iso3,
            answer.question.questionnaire.title,
            answer.question.number,
            value_as_text(answer.question, answer.value),
            "\n".join(need_line(need) for need in answer.assistance_needs.all()),
            answer.revision,
            answer.updated_at.isoformat(timespec="minutes"),
        ]


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
