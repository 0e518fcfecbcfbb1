from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from reviews.notices import send_deadline_reminders


@shared_task(name="reviews.send_deadline_reminders")
def task_send_deadline_reminders() -> int:
    """Daily: deadlines in 14, 7 and 1 days, and late reviews. Running it twice sends nothing twice."""
    return send_deadline_reminders(now=timezone.now())
