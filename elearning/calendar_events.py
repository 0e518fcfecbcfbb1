"""Training sessions in calendars: the download of one session, and those a person registered for in their feed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from elearning import permissions
from elearning.models import SessionRegistration, TrainingSession
from revmod.core.calendar import CalendarEvent, register


def session_event(session: TrainingSession, *, with_location: bool) -> CalendarEvent:
    """The session in the active language; its room or link only for those the sessions page shows it to."""
    return CalendarEvent(
        uid=f"training-session-{session.pk}",
        summary=_("Training session: %(title)s") % {"title": session.title},
        start=session.starts_at,
        end=session.ends_at,
        description=session.description,
        location=session.location if with_location else "",
        url=settings.SITE_URL + reverse("elearning:sessions"),
    )


@register
def registered_sessions(user) -> list[CalendarEvent]:
    if not (user.is_authenticated and user.is_active):
        return []
    registrations = (
        SessionRegistration.objects.filter(user=user).select_related("session").order_by("session__starts_at")
    )
    return [session_event(registration.session, with_location=True) for registration in registrations]


def session_download_event(user, session: TrainingSession) -> CalendarEvent:
    return session_event(session, with_location=permissions.can_see_session_location(user, session))
