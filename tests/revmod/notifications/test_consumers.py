from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from revmod.asgi import application
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import mark_read, notify
from tests.factories import UserFactory
from tests.reviews.test_consumers import session_cookie

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.asyncio]


async def connect(user=None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", f"sessionid={await session_cookie(user)}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_unread_count_arrives_on_connect_and_follows_new_and_read_notifications():
    person = await database_sync_to_async(UserFactory)()
    other = await database_sync_to_async(UserFactory)()
    communicator, connected, _ = await connect(person)
    first = await communicator.receive_json_from()

    await database_sync_to_async(notify)([person], NotificationKind.ASSIGNED, data={})
    after_new = await communicator.receive_json_from()
    await database_sync_to_async(notify)([other], NotificationKind.ASSIGNED, data={})
    await database_sync_to_async(mark_read)(person)
    after_read = await communicator.receive_json_from()

    assert connected is True
    assert (first, after_new, after_read) == (
        {"type": "unread", "count": 0},
        {"type": "unread", "count": 1},
        {"type": "unread", "count": 0},
    )
    await communicator.disconnect()


async def test_anonymous_visitors_are_refused():
    _communicator, connected, code = await connect()

    assert (connected, code) == (False, 4401)
