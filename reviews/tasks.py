from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from reviews.models import ExportJob
from reviews.notifications import send_deadline_reminders
from reviews.services.exports import build_export, stranded_exports
from revmod.core.queue import run_task

log = logging.getLogger(__name__)


@shared_task(name="reviews.send_deadline_reminders")
def task_send_deadline_reminders() -> int:
    """Daily: deadlines in 14, 7 and 1 days, and late reviews. Running it twice sends nothing twice."""
    return send_deadline_reminders(now=timezone.now())


@shared_task(name="reviews.build_export")
def task_build_export(*, job_id: int) -> None:
    """Build a PDF or Word document of a review; progress is saved for the page that waits."""
    job = (
        ExportJob.objects.filter(pk=job_id)
        .select_related("review__state", "review__cycle__cluster", "requested_by")
        .first()
    )
    if job is None:
        log.warning("export %s is gone", job_id)
        return
    build_export(job)


@shared_task(name="reviews.requeue_stranded")
def task_requeue_stranded() -> int:
    """Every few minutes: queue again the exports whose task never reached the broker."""
    stranded = stranded_exports(timezone.now())
    for job_id in stranded:
        run_task("reviews.build_export", job_id=job_id)
    if stranded:
        log.warning("queued %d stranded exports again", len(stranded))
    return len(stranded)
