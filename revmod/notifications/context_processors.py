from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from revmod.notifications.services import unread_count


def notifications(request) -> dict:
    """The unread count for the header, counted only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
