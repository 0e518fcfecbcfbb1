from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from meetings.services import send_meeting_reminders


@shared_task(name="meetings.send_reminders")
def task_send_meeting_reminders() -> int:
    """Every quarter of an hour: meetings a day and an hour ahead. Running it twice sends nothing twice."""
    return send_meeting_reminders(now=timezone.now())
