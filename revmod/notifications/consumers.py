"""The unread count of the signed-in person, kept up to date on every open page."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from revmod.core.consumers import is_verified_user
from revmod.notifications.events import user_group
from revmod.notifications.services import unread_count

CLOSE_UNAUTHENTICATED = 4401


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        if not await is_verified_user(self.scope):
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        user = self.scope["user"]
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "unread", "count": await database_sync_to_async(unread_count)(user)})

    async def disconnect(self, code) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        await self.send_json({"type": "error", "code": "read_only"})

    async def notification_event(self, event) -> None:
        await self.send_json(event["payload"])
