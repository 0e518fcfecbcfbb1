"""The Redis channel layer keeps idle sockets alive (runs where REDIS_URL is set, as in CI)."""

from __future__ import annotations

import asyncio

import pytest
import redis.exceptions
from channels.layers import get_channel_layer
from django.conf import settings

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL)")


async def test_a_consumer_waiting_longer_than_the_blocking_pop_gets_no_redis_error():
    # Each consumer waits on layer.receive(); with redis-py 8's 5-second read timeout the wait
    # failed after about 5 seconds of quiet and took the browser's socket down with it.
    layer = get_channel_layer()
    channel = await layer.new_channel()
    try:
        await asyncio.wait_for(layer.receive(channel), timeout=layer.brpop_timeout + 2)
    except redis.exceptions.RedisError as error:
        pytest.fail(f"an idle receive failed: {error!r}")
    except TimeoutError:
        pass  # still waiting quietly, as it should
    await layer.flush()


async def test_messages_still_arrive_after_a_quiet_spell():
    layer = get_channel_layer()
    channel = await layer.new_channel()
    waiting = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(layer.brpop_timeout + 1)
    await layer.send(channel, {"type": "review.event", "payload": {"type": "ping"}})

    message = await asyncio.wait_for(waiting, timeout=5)

    assert message["payload"] == {"type": "ping"}
    await layer.flush()
