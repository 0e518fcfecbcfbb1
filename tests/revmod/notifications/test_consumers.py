from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse

from revmod.asgi import application
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import mark_read, notify
from tests.factories import UserFactory
from tests.reviews.test_consumers import close_code, deactivate_in_the_admin, session_cookie, signed_in
from tests.sockets import Communicator

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("every_socket_closed"),
    pytest.mark.timeout(60),  # a socket test that hangs fails in a minute, not five
]


async def connect(user=None, *, cookie: str | None = None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None and cookie is None:
        cookie = await session_cookie(user)
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = Communicator(application, "/ws/notifications/", headers=headers)
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


async def test_socket_closes_within_a_second_when_the_user_is_deactivated(world):
    communicator, connected, _ = await connect(world.expert)
    await communicator.receive_json_from()

    await deactivate_in_the_admin(world, world.expert)
    code = await close_code(communicator)

    assert (connected, code) == (True, 4401)


async def test_socket_closes_within_a_second_when_its_session_is_ended_and_the_other_session_stays(world):
    laptop = await signed_in(world.expert)
    phone = await signed_in(world.expert)
    on_laptop, _, _ = await connect(cookie=laptop.cookies["sessionid"].value)
    on_phone, _, _ = await connect(cookie=phone.cookies["sessionid"].value)
    await on_laptop.receive_json_from()
    before = await on_phone.receive_json_from()

    await database_sync_to_async(phone.post)(reverse("accounts:sessions"), {"session": laptop.session.session_key})
    code = await close_code(on_laptop)
    await database_sync_to_async(notify)([world.expert], NotificationKind.ASSIGNED, data={})
    on_phone_after = await on_phone.receive_json_from()

    assert code == 4401
    assert on_phone_after == {"type": "unread", "count": before["count"] + 1}
    await on_phone.disconnect()
