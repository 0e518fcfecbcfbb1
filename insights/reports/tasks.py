from __future__ import annotations

import logging

from celery import shared_task

from insights.reports.models import ReportJob
from insights.reports.services import build_report

log = logging.getLogger(__name__)


@shared_task(name="insights.build_report")
def task_build_report(*, job_id: int) -> None:
    """Build a working-group report; progress is saved for the page that waits."""
    job = ReportJob.objects.filter(pk=job_id).select_related("cycle", "requested_by").first()
    if job is None:
        log.warning("working-group report %s is gone", job_id)
        return
    build_report(job)
