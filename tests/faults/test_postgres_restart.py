"""PostgreSQL restarts while pages load and comments that mention someone are posted.

A request waits up to DB_POOL_TIMEOUT for a connection, so a restart of a few seconds costs
nothing but time. While PostgreSQL is away longer, every request answers 503 with a page in
the reader's language (here French) that says so, never a traceback or a 500; /healthz says 503.
Once it is back pages answer 200 again, the posts that were refused are sent again with their
idempotency key and stored once, and every stored comment has its mention: a comment and its
mention rows are written together or not at all.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import aiohttp
import pytest
from django.db import connection

from reviews.models import Comment
from tests.factories.accounts import PASSWORD
from tests.faults.stack import BODY_PREFIX, Posted, post_comment, signed_in, stored_markers, wait_until

pytestmark = pytest.mark.faults

POSTS = 30
OUTAGE_SECONDS = 9.0  # longer than DB_POOL_TIMEOUT (5 s): a shorter outage is ridden out, every page 200
FRENCH_TITLE = "La plateforme est momentanément indisponible"


async def _load(client: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    try:
        async with client.get(url, allow_redirects=False) as response:
            return response.status, await response.text()
    except (aiohttp.ClientError, TimeoutError):
        return 0, ""


def test_a_postgres_restart_answers_a_clear_503_and_leaves_no_half_write(stack, discussion):
    country_review, people = discussion
    mentioned = people["posters"][1]
    page = f"{stack.base}/fr/reviews/{country_review.pk}/"

    async def scenario():
        base = stack.base
        author = await signed_in(base, people["posters"][0].email, PASSWORD)
        reader = await signed_in(base, people["readers"][0].email, PASSWORD)
        posts = [
            Posted(key=uuid.uuid4().hex, marker=f"{uuid.uuid4().hex[:16]} @[{mentioned.full_name}]")
            for _ in range(POSTS)
        ]
        loads: list[tuple[float, int, str]] = []
        health: list[tuple[float, int]] = []
        outage = {"stopped": 0.0, "started": 0.0}
        done = asyncio.Event()

        async def poster() -> None:
            for post in posts:
                await post_comment(author, base, country_review.pk, post, tries=30)
                await asyncio.sleep(0.1)

        async def loader() -> None:
            while not done.is_set():
                status, body = await _load(reader, page)
                loads.append((time.monotonic(), status, body))
                await asyncio.sleep(0.1)

        async def watcher() -> None:
            anonymous = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))
            while not done.is_set():
                status, _body = await _load(anonymous, f"{base}/healthz")
                health.append((time.monotonic(), status))
                await asyncio.sleep(0.2)
            await anonymous.close()

        async def restarter() -> None:
            await wait_until(lambda: sum(post.comment_id is not None for post in posts) >= POSTS // 4, 60)
            await asyncio.to_thread(stack.postgres, "stop")
            outage["stopped"] = time.monotonic()  # once pg_ctlcluster returns, the server is down
            await asyncio.sleep(OUTAGE_SECONDS)
            outage["started"] = time.monotonic()  # waiting requests may connect before pg_ctlcluster returns
            await asyncio.to_thread(stack.postgres, "start")

        background = [asyncio.create_task(loader()), asyncio.create_task(watcher())]
        await asyncio.gather(poster(), restarter())
        await wait_until(lambda: loads and loads[-1][1] == 200 and loads[-1][0] > outage["started"], 30)
        done.set()
        await asyncio.gather(*background)
        await author.close()
        await reader.close()
        return posts, loads, health, outage

    posts, loads, health, outage = asyncio.run(scenario())
    connection.close()  # this process's own connection died with the server

    def away(moment: float) -> bool:  # answered while PostgreSQL was down
        return outage["stopped"] + 0.5 < moment < outage["started"]

    during = [(status, body) for moment, status, body in loads if away(moment)]
    health_while_away = sorted({status for moment, status in health if away(moment)})
    refused = [body for status, body in during if status == 503]
    after = [moment for moment, status, _body in loads if moment > outage["started"] and status == 200]
    recovered = after[0] - outage["started"] if after else -1.0
    statuses = sorted({status for _moment, status, _body in loads})
    post_statuses = [status for post in posts for _sent, _answered, status in post.statuses]
    markers = stored_markers(country_review)
    comments = Comment.objects.filter(thread__review=country_review, body__startswith=BODY_PREFIX)
    without_mention = comments.exclude(mentions=mentioned).count()
    print(  # the figures for the note
        f"\npostgres restarted: {len(loads)} page loads (statuses {statuses}), {len(refused)} of {len(during)} during "
        f"the outage answered 503 in French; pages 200 again {recovered:.1f} s after the start; "
        f"/healthz {health_while_away} while away; "
        f"posts answered {sorted(set(post_statuses))}; {len(markers)} comments stored, "
        f"{without_mention} without their mention"
    )

    assert during, "no page was loaded while PostgreSQL was away"
    assert len(refused) == len(during), "a page during the outage answered something else than 503"
    assert all(FRENCH_TITLE in body and "Traceback" not in body for body in refused)
    assert set(statuses) <= {200, 503}, "a page answered a 500 or a 502"
    assert 0 <= recovered < 10
    assert 503 in health_while_away
    assert set(post_statuses) <= {201, 503, 0}
    assert all(post.comment_id is not None for post in posts), "a comment was never accepted"
    assert sorted(markers) == sorted(post.marker for post in posts)  # 0 lost, 0 stored twice
    assert without_mention == 0  # the comment and its mention rows: all or nothing
