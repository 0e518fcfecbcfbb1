"""The unread count of the signed-in person, kept up to date on every open page."""

from __future__ import annotations

from channels.db import database_sync_to_async

from revmod.accounts.consumers import CLOSE_UNAUTHENTICATED, PersonalConsumer, is_verified_user
from revmod.notifications.services import unread_count


class NotificationConsumer(PersonalConsumer):
    async def connect(self) -> None:
        if not await is_verified_user(self.scope):
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self.join_personal_groups()
        await self.accept()
        count = await database_sync_to_async(unread_count)(self.scope["user"])
        await self.send_json({"type": "unread", "count": count})

    async def disconnect(self, code) -> None:
        await self.leave_personal_groups()

    async def receive_json(self, content, **kwargs) -> None:
        await self.send_json({"type": "error", "code": "read_only"})

    async def notification_event(self, event) -> None:
        if await self.still_allowed():
            await self.send_json(event["payload"])
