"""Send to a channel-layer group from synchronous code, wherever it runs.

Events are sent after the commit of what they announce. A failed send must not fail the
write it follows (the user would retry and store it twice): it is logged and left to the
pages' catch-up, which reads the database.

Every socket of a signed-in person joins two personal groups: the person's and the
browser session's. The services that take access away say so there, and the sockets
recheck or close at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

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
    """Send ``message`` to ``group``; a channel layer that fails is logged, never raised."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        _send(layer, group, message)
    except Exception as error:  # any failure of the layer: the write it follows is committed already
        logger.warning("Publishing to %s failed (%s); pages catch up from the database", group, type(error).__name__)


def _send(layer, group: str, message: dict) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(layer.group_send)(group, message)
        return
    # An event loop already runs in this thread (a script or test driving a browser):
    # async_to_sync refuses to nest, so send from a short-lived thread of its own.
    failures: list[Exception] = []

    def send() -> None:
        try:
            async_to_sync(layer.group_send)(group, message)
        except Exception as error:  # handed back to group_send, which logs it
            failures.append(error)

    sender = threading.Thread(target=send)
    sender.start()
    sender.join()
    if failures:
        raise failures[0]


def publish_access_changed(user_id: int) -> None:
    """After the commit, make the person's open sockets check again what they may receive."""
    transaction.on_commit(lambda: group_send(user_group(user_id), {"type": ACCESS_CHANGED}))


def publish_session_ended(session_keys: list[str]) -> None:
    """After the commit, close the sockets opened in these browser sessions."""

    def send() -> None:
        for key in session_keys:
            group_send(session_group(key), {"type": SESSION_ENDED})

    transaction.on_commit(send)
