from __future__ import annotations

from django.db import transaction

from revmod.core.realtime import group_send, user_group
from revmod.notifications.models import Notification


def publish_unread_count(user_id: int) -> None:
    """After the commit, tell the person's open pages their new number of unread notifications."""

    def send() -> None:
        count = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
        group_send(user_group(user_id), {"type": "notification.event", "payload": {"type": "unread", "count": count}})

    transaction.on_commit(send)
