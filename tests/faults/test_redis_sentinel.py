"""The Redis primary fails over to its replica, under three sentinels, during live delivery.

Two web workers and a Celery worker find Redis through the sentinels (REDIS_SENTINELS), not
REDIS_URL. While 20 sockets listen and comments are posted, the primary moves: by
``SENTINEL FAILOVER`` (a planned switch) or by killing it (a crash the sentinels must notice).
The sockets drop with the old primary's connections, reconnect and catch up from the
database: every stored comment reaches every socket, none is stored twice, no post is
answered with a 5xx. Afterwards /healthz, the cache and the task broker all work on the new
primary. Everything runs on loopback ports of its own beside `make prod-local`, whose
PostgreSQL it shares.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

import aiohttp
import pytest
from celery import Celery
from django.core.cache.backends.redis import RedisCache

from revmod.core.cache import TolerantRedisCache
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from revmod.redis_sentinel import sentinel_setup
from tests.factories.accounts import PASSWORD
from tests.faults.sentinel import SOCKET_PORTS, WEB_PORTS, SentinelStack, TimedReader, signed_in_on, worker_base
from tests.faults.stack import Posted, close_all, new_post, post_comment, stored_markers, wait_for, wait_until

pytestmark = pytest.mark.faults

SOCKETS = 20
BEFORE = 20  # comments stored before the switch
POST_EVERY = 0.1  # seconds between two posts of one poster
AFTER_SECONDS = 3.0  # posting goes on this long after the old primary stopped taking writes


@pytest.fixture(autouse=True)
def both_workers_back():
    """This case leaves the stack of make prod-local alone, so it has nothing to mend there."""
    return


@pytest.fixture
def sentinel_stack():
    stack = SentinelStack(Path(tempfile.mkdtemp(prefix="revmod-sentinel-")))
    try:
        stack.start_redis()
        stack.start_workers()
        yield stack
    except BaseException:
        for name in stack.processes:
            print(f"--- {name}.log\n{stack.log_tail(name)}")
        raise
    finally:
        stack.stop()


def _cache_follows_the_primary(stack: SentinelStack, primary: int, run_id: str) -> bool:
    """Both cache classes, built as the settings build them, write to the new primary."""
    setup = sentinel_setup(stack.environment())
    assert setup is not None
    for backend, cls in (
        ("django.core.cache.backends.redis.RedisCache", RedisCache),
        ("revmod.core.cache.TolerantRedisCache", TolerantRedisCache),
    ):
        params = setup.cache(backend)
        cache = cls(params["LOCATION"], params)
        key = f"sentinel-{run_id}-{cls.__name__}"
        cache.set(key, run_id, timeout=60)
        written = cache.get(key) == run_id and stack.ask(primary, "exists", f":1:{key}", db=setup.db)
        for pool in cache._cache._pools.values():  # no socket left open for the interpreter to close
            pool.disconnect()
        if not written:
            return False
    return True


def _queue_through_sentinels(stack: SentinelStack, notification_id: int) -> None:
    setup = sentinel_setup(stack.environment())
    assert setup is not None
    app = Celery("sentinel-probe", broker=setup.broker_url(), set_as_current=False)
    app.conf.broker_transport_options = setup.broker_transport_options()
    app.send_task("notifications.send_email", kwargs={"notification_id": notification_id})
    app.close()


async def _health_status(client: aiohttp.ClientSession, port: int) -> int:
    try:
        async with client.get(f"{worker_base(port)}/healthz") as response:
            await response.read()
            return response.status
    except (aiohttp.ClientError, TimeoutError):
        return 0


@pytest.mark.parametrize("how", ["failover", "kill"])
def test_a_sentinel_failover_loses_and_duplicates_no_comment(discussion, sentinel_stack, run_id, how):
    country_review, people = discussion

    async def scenario():
        pairs = zip(people["posters"], WEB_PORTS, strict=True)
        posters = [await signed_in_on(port, person.email, PASSWORD) for person, port in pairs]
        # Each reader has a session on each web worker; the 20 sockets are spread over both socket workers.
        sessions = [
            (await signed_in_on(WEB_PORTS[n % 2], people["readers"][n % 5].email, PASSWORD), WEB_PORTS[n % 2])
            for n in range(10)
        ]
        readers = [
            TimedReader(sessions[n % 10][0], worker_base(SOCKET_PORTS[n % 2]), country_review.pk)
            for n in range(SOCKETS)
        ]
        tasks = [asyncio.create_task(reader.run()) for reader in readers]
        assert await wait_until(lambda: all(reader.connected.is_set() for reader in readers), 60) >= 0
        posts: list[Posted] = []
        health: list[tuple[float, int, int]] = []  # (asked at, worker port, status)
        moment = {"at": 0.0, "promoted": 0.0, "settled": 0.0}
        stop = asyncio.Event()

        async def poster(index: int) -> None:
            base = worker_base(WEB_PORTS[index])
            while not stop.is_set():
                post = new_post()
                posts.append(post)
                await post_comment(posters[index], base, country_review.pk, post)
                await asyncio.sleep(POST_EVERY)

        async def watcher() -> None:
            anonymous = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
            while not stop.is_set():
                for port in WEB_PORTS:
                    health.append((time.monotonic(), port, await _health_status(anonymous, port)))
                await asyncio.sleep(0.2)
            await anonymous.close()

        async def mover() -> None:
            await wait_until(lambda: sum(post.comment_id is not None for post in posts) >= BEFORE, 60)
            moment["at"] = time.monotonic()
            old = await asyncio.to_thread(sentinel_stack.fail_over, how)
            moment["promoted"] = await asyncio.to_thread(sentinel_stack.wait_for_new_primary, old)
            # Until the sentinels make the old primary a replica, it still takes writes from
            # the connections that had it: posting goes on through that window and past it.
            await asyncio.to_thread(sentinel_stack.wait_until_demoted, old)
            moment["settled"] = time.monotonic() - moment["at"]
            await asyncio.sleep(AFTER_SECONDS)
            stop.set()

        await asyncio.gather(poster(0), poster(1), watcher(), mover())
        expected = {post.comment_id for post in posts}
        delivered = await wait_until(lambda: all(expected <= reader.shown for reader in readers), 60)
        reconnected = sum(reader.reconnects > 0 for reader in readers)
        await close_all(readers, tasks, posters + [client for client, _port in sessions])
        return posts, readers, health, moment, delivered, reconnected

    posts, readers, health, moment, delivered, reconnected = asyncio.run(scenario())

    switched = moment["at"]
    # Delivery resumed when every socket had received a comment first sent after the switch.
    later = {post.comment_id for post in posts if post.statuses[0][0] > switched}
    firsts = [min((at for cid, at in reader.received_at.items() if cid in later), default=None) for reader in readers]
    resumed = max(at for at in firsts if at is not None) - switched if later and None not in firsts else -1.0
    expected = {post.comment_id for post in posts}
    lost = sum(len(expected - reader.shown) for reader in readers)
    received_again = sum(count - 1 for reader in readers for count in reader.seen.values())
    server_errors = [status for post in posts for _s, _a, status in post.statuses if status >= 500]
    unanswered = [status for post in posts for _s, _a, status in post.statuses if status == 0]
    retried = sum(len(post.statuses) > 1 for post in posts)
    markers = stored_markers(country_review)
    stored_twice = len(markers) - len(set(markers))
    not_healthy = [(at - switched, port, status) for at, port, status in health if status != 200]
    healthy_again = max((at for at, _port, _status in not_healthy), default=0.0)

    primary = sentinel_stack.primary_port()
    # Once the switch is over, each worker answers /healthz 200 (each try waits up to 5 s).
    health_after = {port: wait_for(lambda port=port: sentinel_stack.health(port)[0] == 200, 30) for port in WEB_PORTS}
    cache_ok = _cache_follows_the_primary(sentinel_stack, primary, run_id)
    notification = Notification.objects.create(
        user=people["readers"][0], kind=NotificationKind.ASSIGNED, data={"state_names": {"en": "France"}}
    )
    try:
        _queue_through_sentinels(sentinel_stack, notification.pk)
        # The task marks the notification e-mailed, then writes the e-mail: both must be seen.
        mail = sentinel_stack.folder / "mail"
        sent = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=False)
        ran = wait_for(lambda: sent.exists() and any(mail.iterdir()), 30)
    finally:  # never left for the stack's own sweep to e-mail into its mail folder
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).delete()
    mails = len(list(mail.iterdir()))

    print(  # the figures for the note
        f"\nredis sentinel ({how}): new primary named by all 3 sentinels {moment['promoted']:.1f} s after the "
        f"switch, the old one read-only or gone {moment['settled']:.1f} s after it; {len(markers)} comments stored "
        f"({stored_twice} twice), {lost} lost over {SOCKETS} sockets ({reconnected} reconnected; "
        f"{received_again} receipts of a comment already received, shown once); {len(server_errors)} post answers "
        f"5xx, {len(unanswered)} unanswered attempts, {retried} posts retried; delivery resumed on every socket "
        f"{resumed:.1f} s after the switch, all delivered {delivered:.1f} s after the last post; /healthz "
        f"{len(not_healthy)} of {len(health)} answers not 200 ({sorted({status for _a, _p, status in not_healthy})}), "
        f"the last {healthy_again:.1f} s after the switch, then 200 within {max(health_after.values()):.1f} s of "
        f"asking at the end; cache on the new "
        f"primary: {cache_ok}; a task queued through the sentinels afterwards ran in {ran:.1f} s ({mails} e-mail)"
    )

    assert sorted(markers) == sorted(post.marker for post in posts)  # 0 lost, 0 stored twice
    assert all(post.comment_id is not None for post in posts)
    assert delivered >= 0, "a socket never received every comment"
    assert lost == 0
    assert server_errors == []
    assert resumed >= 0, "live delivery did not resume on every socket"
    assert all(seconds >= 0 for seconds in health_after.values()), "a worker's /healthz stayed unhealthy"
    assert healthy_again < 20, "/healthz took too long to report the new primary healthy"
    assert cache_ok, "the cache did not write to the new primary"
    assert ran >= 0, "a task queued through the sentinels after the failover did not run"
    assert mails == 1
