from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from revmod.notifications.models import Notification


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def publish_unread_count(user_id: int) -> None:
    """After the commit, tell the person's open pages their new number of unread notifications."""

    def send() -> None:
        count = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(
                user_group(user_id), {"type": "notification.event", "payload": {"type": "unread", "count": count}}
            )

    transaction.on_commit(send)
