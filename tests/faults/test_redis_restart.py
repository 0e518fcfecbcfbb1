"""Redis restarts, empty, while comments are posted, pages load and sockets listen.

Redis carries the cache, the channel layer and the task broker. While it is away /healthz
says 503; pages keep answering (a cache miss is not an error); posts are stored and answered
(their live delivery and e-mails are the parts that wait); the sockets drop, reconnect once
Redis is back, and catch up from the database. Nothing is lost, nothing shown twice.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from tests.factories.accounts import PASSWORD
from tests.faults.stack import Reader, close_all, new_post, post_comment, signed_in, stored_markers, wait_until

pytestmark = pytest.mark.faults

SOCKETS = 20
POSTS = 40
OUTAGE_SECONDS = 3.0


async def _status(client: aiohttp.ClientSession, url: str) -> int:
    try:
        async with client.get(url, allow_redirects=False) as response:
            await response.read()
            return response.status
    except (aiohttp.ClientError, TimeoutError):
        return 0


def test_a_redis_restart_costs_no_page_and_no_comment(stack, discussion):
    country_review, people = discussion
    pages = [f"{stack.base}/en/reviews/{country_review.pk}/", f"{stack.base}/en/reviews/"]

    async def scenario():
        base = stack.base
        posters = [await signed_in(base, person.email, PASSWORD) for person in people["posters"]]
        reader_clients = [await signed_in(base, person.email, PASSWORD) for person in people["readers"]]
        readers = [Reader(reader_clients[n % len(reader_clients)], base, country_review.pk) for n in range(SOCKETS)]
        tasks = [asyncio.create_task(reader.run()) for reader in readers]
        assert await wait_until(lambda: all(reader.connected.is_set() for reader in readers), 60) >= 0
        posts = [new_post() for _ in range(POSTS)]
        loads: list[tuple[float, int]] = []
        health: list[tuple[float, int]] = []
        outage = {"stopped": 0.0, "started": 0.0}
        done = asyncio.Event()

        async def poster(index: int) -> None:
            for post in posts[index::2]:
                await post_comment(posters[index], base, country_review.pk, post)
                await asyncio.sleep(0.15)

        async def loader() -> None:
            while not done.is_set():
                for url in pages:
                    loads.append((time.monotonic(), await _status(reader_clients[0], url)))
                await asyncio.sleep(0.05)

        async def watcher() -> None:
            anonymous = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))
            while not done.is_set():
                health.append((time.monotonic(), await _status(anonymous, f"{base}/healthz")))
                await asyncio.sleep(0.2)
            await anonymous.close()

        async def restarter() -> None:
            await wait_until(lambda: sum(post.comment_id is not None for post in posts) >= POSTS // 4, 60)
            outage["stopped"] = time.monotonic()
            await asyncio.to_thread(stack.stop_redis)
            await asyncio.sleep(OUTAGE_SECONDS)
            await asyncio.to_thread(stack.start_redis)
            outage["started"] = time.monotonic()

        background = [asyncio.create_task(loader()), asyncio.create_task(watcher())]
        await asyncio.gather(poster(0), poster(1), restarter())
        expected = {post.comment_id for post in posts}
        delivered = await wait_until(lambda: all(expected <= reader.shown for reader in readers), 60)
        await wait_until(lambda: any(status == 200 and at > outage["started"] for at, status in health), 30)
        done.set()
        await asyncio.gather(*background)
        reconnected = sum(reader.reconnects > 0 for reader in readers)
        await close_all(readers, tasks, posters + reader_clients)
        return posts, readers, loads, health, outage, delivered, reconnected

    posts, readers, loads, health, outage, delivered, reconnected = asyncio.run(scenario())

    during = [status for at, status in health if outage["stopped"] + 0.5 < at < outage["started"]]
    back = next(at for at, status in health if status == 200 and at > outage["started"])
    post_errors = [status for post in posts for _sent, _answered, status in post.statuses if status >= 500]
    load_errors = [status for _at, status in loads if status != 200]
    markers = stored_markers(country_review)
    print(  # the figures for the note
        f"\nredis restarted: /healthz {sorted(set(during))} while away, 200 again {back - outage['started']:.1f} s "
        f"after the restart; {len(loads)} page loads ({len(load_errors)} not 200), {len(post_errors)} posts 5xx; "
        f"{reconnected}/{SOCKETS} sockets reconnected, all delivered {delivered:.1f} s after the last post; "
        f"{len(markers)} comments stored"
    )

    assert during, "/healthz was not asked while Redis was away"
    assert set(during) == {503}, "/healthz did not report Redis away"
    assert back - outage["started"] < 15
    assert load_errors == [], "a page failed while Redis was away"
    assert post_errors == []
    assert sorted(markers) == sorted(post.marker for post in posts)  # 0 lost, 0 stored twice
    assert delivered >= 0, "a socket never received every comment"
    assert all(reader.shown == {post.comment_id for post in posts} for reader in readers)
    assert reconnected == SOCKETS  # every socket lost Redis under it and came back
