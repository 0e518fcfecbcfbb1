"""What every consumer does for its signed-in person: checks as strict as the pages' middleware.

A socket stays open only while its person may use it. It joins the person's group and
the browser session's group (revmod.core.realtime); when a service takes access away or
ends the session, the socket hears it there and checks again or closes. Before
forwarding an event it also checks again when its last check is older than
LIVE_ACCESS_RECHECK seconds, so a lost "access changed" event costs at most that long.
The check is kept per socket in memory: forwarding an event costs no query until then.
"""

from __future__ import annotations

import logging
import time

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from revmod.accounts.middleware import needs_two_factor
from revmod.core.realtime import session_group, user_group

logger = logging.getLogger(__name__)

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_UNAVAILABLE = 4503  # the channel layer (Redis) cannot be reached: the page tries again later


@database_sync_to_async
def is_verified_user(scope) -> bool:
    """A signed-in user who, where required, completed two-factor sign-in in this session."""
    return _is_verified_user(scope)


def _is_verified_user(scope) -> bool:
    user = scope.get("user")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not needs_two_factor(user):
        return True
    persistent_id = scope.get("session", {}).get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    return device is not None and device.user_id == user.pk and device.confirmed


def is_still_verified(scope) -> bool:
    """Like is_verified_user, on the person as the database has them now and a session that still exists."""
    user = scope.get("user")
    session: SessionBase | None = scope.get("session")
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return False
    user.refresh_from_db(fields=["is_active", "global_role"])
    return session.exists(session.session_key) and _is_verified_user(scope)


class PersonalConsumer(AsyncJsonWebsocketConsumer):
    """A socket of one person in one browser session, closed as soon as either may no longer use it."""

    personal_groups: tuple[str, ...] = ()
    checked_at = float("-inf")
    closing = False

    async def websocket_connect(self, message) -> None:
        """Connect; a channel layer that fails refuses the socket cleanly instead of crashing it.

        A crash during the handshake makes the server drop the connection, which nginx counts
        as a failure of that worker: during a Redis restart every worker would be taken out of
        the upstream, and plain pages with them. A refusal is an answer, not a failure.
        """
        try:
            await super().websocket_connect(message)
        except Exception as error:  # any failure of the layer; the page reconnects with backoff
            logger.warning("Refusing a socket: the channel layer failed (%s)", type(error).__name__)
            await self.close(code=CLOSE_UNAVAILABLE)

    async def websocket_disconnect(self, message) -> None:
        try:
            await super().websocket_disconnect(message)
        except StopConsumer:  # how the consumer ends, every time
            raise
        except Exception as error:  # the groups expire in the layer on their own
            logger.warning("Leaving groups failed on disconnect (%s)", type(error).__name__)
            raise StopConsumer from error

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """Decode a frame; one that is not JSON (or nested past the parser's depth) gets an error, not a crash."""
        try:
            content = await self.decode_json(text_data) if text_data is not None else None
        except (ValueError, RecursionError):
            content = None
        if content is None:
            await self.send_json({"type": "error", "code": "bad_message"})
            return
        await self.receive_json(content, **kwargs)

    async def join_personal_groups(self) -> None:
        """Call after the first check succeeded, before accepting the socket."""
        self.checked_at = time.monotonic()
        self.personal_groups = (user_group(self.scope["user"].pk), session_group(self.scope["session"].session_key))
        for group in self.personal_groups:
            await self.channel_layer.group_add(group, self.channel_name)

    async def leave_personal_groups(self) -> None:
        for group in self.personal_groups:
            await self.channel_layer.group_discard(group, self.channel_name)

    def check_access(self) -> int | None:
        """Runs in a thread with database access: None to stay open, otherwise the code to close with.

        Consumers that authorise more than the person extend it (and may re-join their groups
        from what it finds).
        """
        return None if is_still_verified(self.scope) else CLOSE_UNAUTHENTICATED

    async def recheck(self) -> bool:
        """Check access now; close the socket and return False when it is gone."""
        if self.closing:
            return False
        code = await database_sync_to_async(self.check_access)()
        if code is not None:
            await self.shut(code)
            return False
        self.checked_at = time.monotonic()
        await self.after_recheck()
        return True

    async def after_recheck(self) -> None:
        """Runs on the event loop after a successful check: a consumer re-joins its groups here."""

    async def still_allowed(self) -> bool:
        """Whether the socket may still be used: the last check, or a new one when that is too old."""
        if self.closing:
            return False
        if time.monotonic() - self.checked_at < settings.LIVE_ACCESS_RECHECK:
            return True
        return await self.recheck()

    async def shut(self, code: int) -> None:
        self.closing = True
        await self.close(code=code)

    # --- messages from the services ---------------------------------------------------------

    async def access_changed(self, event) -> None:
        await self.recheck()

    async def session_ended(self, event) -> None:
        await self.shut(CLOSE_UNAUTHENTICATED)
