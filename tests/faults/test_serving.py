"""Every serving set-up deploy/serve.sh offers passes the live layer's contract behind nginx.

`make bench` measures the set-ups side by side (devdata/serving.py); a set-up is only offered
if it also works: each one here is started beside the stack, on its database and Redis, with
the shipped nginx site file, and must serve pages and form posts, deliver a comment live,
catch a reconnected page up, and refuse an anonymous visitor, a participant of another
review and a foreign origin.
"""

from __future__ import annotations

import asyncio
import json
import os

import aiohttp
import pytest

from devdata import serving
from reviews.enums import ParticipantRole
from revmod.accounts.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from tests.factories.accounts import PASSWORD
from tests.factories.reviews import participant, review
from tests.faults.stack import Reader, close_all, new_post, post_comment, session, signed_in, wait_until

pytestmark = pytest.mark.faults


@pytest.fixture(params=list(serving.SETUPS))
def serving_setup(request, stack):
    """One set-up on ports of its own, beside the stack (which keeps running)."""
    running = serving.Setup(
        server=request.param,
        https_port=8643,
        web_ports=[8311, 8312],
        socket_ports=[8321, 8322] if request.param == "wsgi" else [],
        state=stack.state / "serving" / request.param,
    )
    running.start(dict(os.environ) | {"DEBUG": "false"})
    yield running
    running.stop()


async def first_close(client: aiohttp.ClientSession, url: str, origin: str) -> int | str:
    """The close code a socket gets before anything else, or "refused" for a refused handshake."""
    try:
        async with client.ws_connect(url, headers={"Origin": origin}, heartbeat=None) as socket:
            message = await socket.receive(timeout=10)
            if message.type == aiohttp.WSMsgType.TEXT:
                return f"accepted: {json.loads(message.data).get('type')}"
            return socket.close_code
    except aiohttp.WSServerHandshakeError:
        return "refused"


def test_each_set_up_serves_pages_posts_and_sockets_and_refuses_outsiders(
    serving_setup, discussion, questionnaire, run_id
):
    setup = serving_setup
    country_review, people = discussion
    other = review(of="EGY", questionnaire=questionnaire)
    outsider = participant(
        other, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email=f"outsider-{run_id}@faults.example"
    )
    base = setup.base
    socket_url = f"{base.replace('https', 'wss', 1)}/ws/reviews/{country_review.pk}/"

    async def scenario():
        poster = await signed_in(base, people["posters"][0].email, PASSWORD)
        reader_client = await signed_in(base, people["readers"][0].email, PASSWORD)
        stranger = await signed_in(base, outsider.email, PASSWORD)
        anonymous = session()
        pages = {}
        for name, client, path in (
            ("review page, participant", reader_client, f"/en/reviews/{country_review.pk}/"),
            ("review page, outsider", stranger, f"/en/reviews/{country_review.pk}/"),
            ("static file", anonymous, "/static/core/favicon.svg"),
        ):
            async with client.get(f"{base}{path}", allow_redirects=False) as response:
                pages[name] = response.status
        refusals = {
            "anonymous": await first_close(anonymous, socket_url, base),
            "participant of another review": await first_close(stranger, socket_url, base),
            "foreign origin": await first_close(reader_client, socket_url, "https://evil.example"),
        }

        reader = Reader(reader_client, base, country_review.pk)
        task = asyncio.create_task(reader.run())
        assert await wait_until(reader.connected.is_set, 30) >= 0, "the participant's socket never opened"
        live = new_post()
        await post_comment(poster, base, country_review.pk, live)
        delivered_live = await wait_until(lambda: live.comment_id in reader.shown, 15)

        # The page loses its socket; a comment is posted meanwhile; the page reconnects and catches up.
        reader.stopping = True
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        missed = new_post()
        await post_comment(poster, base, country_review.pk, missed)
        reader.stopping = False
        task = asyncio.create_task(reader.run())
        caught_up = await wait_until(lambda: missed.comment_id in reader.shown, 15)
        await close_all([reader], [task], [poster, reader_client, stranger, anonymous])
        return pages, refusals, live, missed, delivered_live, caught_up

    pages, refusals, live, missed, delivered_live, caught_up = asyncio.run(scenario())
    print(f"\n{setup.server}: live in {delivered_live:.2f} s, caught up in {caught_up:.2f} s, refusals {refusals}")

    assert pages == {"review page, participant": 200, "review page, outsider": 404, "static file": 200}
    # A consumer that closes before accepting makes the server refuse the handshake (HTTP 403);
    # a server may instead accept and close with the consumer's code. Either way: nothing read.
    assert refusals["anonymous"] in ("refused", CLOSE_UNAUTHENTICATED), refusals
    assert refusals["participant of another review"] in ("refused", CLOSE_FORBIDDEN), refusals
    assert refusals["foreign origin"] == "refused", refusals
    assert [live.statuses[-1][2], missed.statuses[-1][2]] == [201, 201]  # the form posts went through (CSRF)
    assert delivered_live >= 0, f"{setup.server}: the comment never arrived live"
    assert caught_up >= 0, f"{setup.server}: the reconnected page never caught up"
