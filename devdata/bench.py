"""Measurements against a running server: page times and query counts, throughput, live delivery.

Everything here speaks HTTP and WebSocket to the server like a browser would (aiohttp);
the server reports its own time and query count in the Server-Timing header
(SERVER_TIMING=true), so the numbers are the server's, not the client's.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import aiohttp
from django_otp.oath import TOTP
from yarl import URL

TIMING = re.compile(r"app;dur=([\d.]+).*?dur=(\d+)")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class PageResult:
    name: str
    path: str
    median_ms: float
    p95_ms: float
    queries: int
    ratio_to_bare: float = 0.0


@dataclass
class LoadResult:
    path: str
    clients: int
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


@dataclass
class DeliveryResult:
    clients: int
    received: int
    lost: int
    median_ms: float
    p99_ms: float
    max_ms: float
    connect_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def csrf_token(session: aiohttp.ClientSession, base: str) -> str:
    return session.cookie_jar.filter_cookies(URL(base))["csrftoken"].value


async def sign_in(
    session: aiohttp.ClientSession, base: str, email: str, password: str, *, totp_key: str | None = None
) -> None:
    async with session.get(f"{base}/en/accounts/sign-in/") as response:
        await response.read()
    token = csrf_token(session, base)
    data = {"username": email, "password": password, "csrfmiddlewaretoken": token}
    async with session.post(
        f"{base}/en/accounts/sign-in/", data=data, headers={"Referer": base}, allow_redirects=False
    ) as response:
        if response.status != 302:
            raise RuntimeError(f"sign-in of {email} failed with {response.status}")
    if totp_key:
        async with session.get(f"{base}/en/accounts/two-factor/") as response:
            await response.read()
        token = csrf_token(session, base)
        code = f"{TOTP(bytes.fromhex(totp_key)).token():06d}"
        async with session.post(
            f"{base}/en/accounts/two-factor/",
            data={"token": code, "csrfmiddlewaretoken": token},
            headers={"Referer": base},
            allow_redirects=False,
        ) as response:
            if response.status != 302:
                raise RuntimeError(f"two-factor sign-in of {email} failed with {response.status}")


async def time_page(
    session: aiohttp.ClientSession,
    base: str,
    name: str,
    path: str,
    *,
    runs: int = 20,
    warmup: int = 3,
    before: Callable[[], Awaitable[None]] | None = None,
) -> PageResult:
    """Median and 95th percentile of the server's own time; ``before`` runs ahead of each request."""
    durations, queries = [], 0
    for index in range(warmup + runs):
        if before is not None:
            await before()
        async with session.get(f"{base}{path}", allow_redirects=False) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            match = TIMING.search(response.headers.get("Server-Timing", ""))
            if not match:
                raise RuntimeError("the server does not send Server-Timing: start it with SERVER_TIMING=true")
            if index >= warmup:
                durations.append(float(match.group(1)))
                queries = int(match.group(2))
    return PageResult(name, path, statistics.median(durations), percentile(durations, 0.95), queries)


async def load(sessions: list[aiohttp.ClientSession], bases: list[str], path: str, *, seconds: float) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client(session: aiohttp.ClientSession, base: str) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                async with session.get(f"{base}{path}", allow_redirects=False) as response:
                    await response.read()
                    if response.status != 200:
                        errors += 1
                        continue
            except aiohttp.ClientError:
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(client(session, bases[i % len(bases)]) for i, session in enumerate(sessions)))
    elapsed = time.perf_counter() - began
    return LoadResult(
        path,
        len(sessions),
        round(elapsed, 1),
        len(latencies) + errors,
        errors,
        round(len(latencies) / elapsed, 1),
        percentile(latencies, 0.5),
        percentile(latencies, 0.95),
        percentile(latencies, 0.99),
    )


async def delivery(
    poster: aiohttp.ClientSession,
    readers: list[aiohttp.ClientSession],
    bases: list[str],
    *,
    review_id: int,
    clients: int,
    timeout: float = 15.0,
) -> DeliveryResult:
    """``clients`` sockets on one review; one comment posted over HTTP; time until each socket has it."""
    marker = f"bench-{uuid.uuid4().hex[:12]}"
    sockets = []
    started_connecting = time.perf_counter()
    semaphore = asyncio.Semaphore(50)

    async def open_socket(index: int):
        session, base = readers[index % len(readers)], bases[index % len(bases)]
        async with semaphore:
            try:
                return await session.ws_connect(
                    f"{base.replace('http', 'ws', 1)}/ws/reviews/{review_id}/",
                    headers={"Origin": base},
                    heartbeat=None,
                    max_msg_size=0,
                )
            except (aiohttp.ClientError, ConnectionError) as error:  # refused: counted lost, with why
                reason = f"not connected: {getattr(error, 'status', '') or type(error).__name__}"
                reasons[reason] = reasons.get(reason, 0) + 1
                return None

    reasons: dict[str, int] = {}
    opened = await asyncio.gather(*(open_socket(index) for index in range(clients)))
    sockets = [socket for socket in opened if socket is not None]
    connect_seconds = time.perf_counter() - started_connecting
    # Every connection costs the server database work (presence) on the same thread as the views;
    # let the connection storm drain before posting, so the post measures delivery, not that queue.
    await asyncio.sleep(1 + clients / 250)
    arrivals: list[float] = []
    sent_at = 0.0

    async def listen(socket) -> None:
        try:
            while True:
                message = await socket.receive(timeout=timeout)
                if message.type != aiohttp.WSMsgType.TEXT:
                    reason = f"{message.type.name.lower()} {socket.close_code or ''}".strip()
                    reasons[reason] = reasons.get(reason, 0) + 1
                    return
                if marker in message.data and '"comment.created"' in message.data:
                    arrivals.append(time.perf_counter())
                    return
        except TimeoutError:
            reasons["nothing within the timeout"] = reasons.get("nothing within the timeout", 0) + 1
        except (aiohttp.ClientError, ConnectionError) as error:  # the server dropped the socket
            reasons[type(error).__name__] = reasons.get(type(error).__name__, 0) + 1

    listeners = [asyncio.create_task(listen(socket)) for socket in sockets]
    async with poster.get(f"{bases[0]}/en/reviews/{review_id}/discussion/") as response:
        await response.read()
    token = csrf_token(poster, bases[0])
    sent_at = time.perf_counter()
    async with poster.post(
        f"{bases[0]}/en/reviews/{review_id}/comments/",
        data={"body": f"Benchmark {marker}", "visibility": "all", "csrfmiddlewaretoken": token},
        headers={"X-Requested-With": "fetch", "Referer": bases[0]},
    ) as response:
        await response.read()
        if response.status != 201:
            raise RuntimeError(f"posting the comment failed with {response.status}")
    await asyncio.gather(*listeners)
    for socket in sockets:
        await socket.close()
    # Each closed socket makes the server leave its groups and update presence: let that finish,
    # so the next measurement starts on a quiet server, not on this one's teardown.
    await asyncio.sleep(2 + clients / 250)
    latencies = [(arrival - sent_at) * 1000 for arrival in arrivals]
    return DeliveryResult(
        clients,
        len(latencies),
        clients - len(latencies),
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        max(latencies, default=float("nan")),
        round(connect_seconds, 1),
        [f"{count} lost: {reason}" for reason, count in sorted(reasons.items())],
    )
