from __future__ import annotations

import logging

from celery import shared_task

from elearning.services import send_due_reminders

logger = logging.getLogger(__name__)


@shared_task(name="elearning.send_session_reminders")
def task_send_session_reminders() -> int:
    """Periodic (see apps.py): send the training-session reminders now due. Running twice sends nothing twice."""
    sent = send_due_reminders()
    logger.info("training-session reminders sent: %s", sent)
    return sent
