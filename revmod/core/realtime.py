"""Send to a channel-layer group from synchronous code, wherever it runs.

Every socket of a signed-in person joins two personal groups: the person's and the
browser session's. The services that take access away say so there, and the sockets
recheck or close at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

ACCESS_CHANGED = "access.changed"
SESSION_ENDED = "session.ended"


def user_group(user_id: int) -> str:
    """Every open page of one person."""
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """Every open page of one browser session.

    The session key signs the browser in: only a digest of it goes to the channel layer.
    """
    return f"session.{hashlib.sha256(session_key.encode()).hexdigest()[:40]}"


def group_send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(layer.group_send)(group, message)
        return
    # An event loop already runs in this thread (a script or test driving a browser):
    # async_to_sync refuses to nest, so send from a short-lived thread of its own.
    sender = threading.Thread(target=async_to_sync(layer.group_send), args=(group, message))
    sender.start()
    sender.join()


def publish_access_changed(user_id: int) -> None:
    """After the commit, make the person's open sockets check again what they may receive."""
    transaction.on_commit(lambda: group_send(user_group(user_id), {"type": ACCESS_CHANGED}))


def publish_session_ended(session_keys: list[str]) -> None:
    """After the commit, close the sockets opened in these browser sessions."""

    def send() -> None:
        for key in session_keys:
            group_send(session_group(key), {"type": SESSION_ENDED})

    transaction.on_commit(send)
