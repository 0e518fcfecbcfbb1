"""E-mail of the e-learning module, always in the recipient's language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone

from elearning.models import SessionRegistration
from revmod.accounts.services import send_in_language


def send_session_reminder(registration: SessionRegistration) -> None:
    session, zone = registration.session, ZoneInfo(registration.session.time_zone)
    send_in_language(
        registration.user,
        subject_template="elearning/email/session_reminder_subject.txt",
        body_template="elearning/email/session_reminder.txt",
        context={
            "session": session,
            "local_start": timezone.localtime(session.starts_at, zone),
            "local_end": timezone.localtime(session.ends_at, zone),
        },
    )
