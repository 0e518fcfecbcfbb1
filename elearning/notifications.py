"""E-mail of the e-learning module, always in the recipient's language."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from elearning.models import SessionRegistration


def send_session_reminder(registration: SessionRegistration) -> None:
    user, session = registration.user, registration.session
    with translation.override(user.preferred_language):
        local_start = timezone.localtime(session.starts_at, ZoneInfo(session.time_zone))
        local_end = timezone.localtime(session.ends_at, ZoneInfo(session.time_zone))
        context = {
            "user": user,
            "session": session,
            "local_start": local_start,
            "local_end": local_end,
            "url": settings.SITE_URL + reverse("elearning:sessions"),
        }
        subject = render_to_string("elearning/email/session_reminder_subject.txt", context).strip()
        body = render_to_string("elearning/email/session_reminder.txt", context)
    send_mail(subject, body, None, [user.email])
