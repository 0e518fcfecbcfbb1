"""A WebSocket test communicator that is always closed before its test's event loop is.

A consumer left running (a refused connection nobody disconnected, a test that failed half
way) was cancelled by the loop's teardown, and once in a while that cancellation never
finished: the test then hung until pytest-timeout stopped it. Closing every communicator the
normal way (websocket.disconnect) lets each consumer end by itself first.
"""

from __future__ import annotations

import asyncio
import contextlib

from channels.testing import WebsocketCommunicator

OPEN: list[WebsocketCommunicator] = []


class Communicator(WebsocketCommunicator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        OPEN.append(self)


async def close_every_socket() -> None:
    while OPEN:
        communicator = OPEN.pop()
        if communicator.future.done():
            continue
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await communicator.disconnect(timeout=2)
