from __future__ import annotations

from celery import shared_task

from insights.enums import DocumentKind
from insights.reports.tasks import task_build_report
from insights.services import index_source

__all__ = ["task_build_report", "task_index_source"]  # the worker finds every insights task here


@shared_task(name="insights.index_source")
def task_index_source(*, kind: str, pk: int) -> int:
    """Bring one source's documents up to date: run after the commit that changed it; harmless twice."""
    return index_source(DocumentKind(kind), pk)
