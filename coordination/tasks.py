from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from coordination.services.reminders import send_assignment_reminders


@shared_task(name="coordination.send_assignment_reminders")
def task_send_assignment_reminders() -> int:
    """Daily: internal due dates in two days, today, and past. Running it twice sends nothing twice."""
    return send_assignment_reminders(now=timezone.now())
