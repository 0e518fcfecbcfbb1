"""Who has a review page open: one row per socket, refreshed by its heartbeat."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from reviews.models import Presence

PRESENCE_TIMEOUT = 90  # seconds without a heartbeat before someone is no longer "viewing"


def record_presence(*, channel_name: str, review_id: int, user) -> Presence:
    presence, _created = Presence.objects.update_or_create(
        channel_name=channel_name, defaults={"review_id": review_id, "user": user, "last_seen": timezone.now()}
    )
    return presence


def forget_presence(*, channel_name: str) -> None:
    Presence.objects.filter(channel_name=channel_name).delete()


def prune_presence(review_id: int) -> None:
    """Forget sockets that stopped beating (a browser that vanished without closing)."""
    stale = timezone.now() - dt.timedelta(seconds=PRESENCE_TIMEOUT)
    Presence.objects.filter(review_id=review_id, last_seen__lt=stale).delete()
