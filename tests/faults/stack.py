"""The parts of `make prod-local` a fault case breaks and mends, and the clients it uses.

Processes are found by the pid files deploy/prod-local.sh writes; PostgreSQL and Redis are
the ones .ci/services.sh starts (their ports in CI_PG_PORT and CI_REDIS_PORT).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
from django.db.models import Max
from yarl import URL

from reviews.models import Comment, Questionnaire
from tests.factories.reviews import published_questionnaire

ROOT = Path(__file__).resolve().parents[2]


def _pg_version() -> str:
    return sorted(os.listdir("/usr/lib/postgresql"), key=int)[-1]


@dataclass
class Stack:
    base: str
    state: Path
    workers: list[int]
    socket_workers: list[int]
    redis_port: int
    pg_port: int
    redis_files: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> Stack:
        redis = urlsplit(os.environ["REDIS_URL"])
        database = urlsplit(os.environ["DATABASE_URL"])
        return cls(
            base=os.environ["SITE_URL"].rstrip("/"),
            state=Path(os.environ.get("PROD_LOCAL_DIR", ROOT / ".prod-local")),
            workers=[int(port) for port in os.environ.get("REVMOD_WEB_PORTS", "8101 8102").split()],
            # Only a set-up that serves sockets apart (REVMOD_SERVER=wsgi) has socket workers.
            socket_workers=[int(port) for port in os.environ.get("REVMOD_SOCKET_PORTS", "").split()],
            redis_port=redis.port or 6379,
            pg_port=database.port or 5432,
        )

    # --- processes --------------------------------------------------------------

    def pid(self, name: str) -> int | None:
        try:
            pid = int((self.state / "run" / f"{name}.pid").read_text())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill a process of the stack (and its children) at once, as a crash would."""
        pid = self.pid(name)
        assert pid is not None, f"{name} is not running"
        os.killpg(pid, sig)
        for _ in range(100):
            if self.pid(name) is None:
                break
            time.sleep(0.05)

    def start(self, name: str) -> None:
        subprocess.run(["bash", str(ROOT / "deploy/prod-local.sh"), "start", name], check=True)
        if name.startswith(("web-", "sockets-")):
            self.wait_for(f"http://127.0.0.1:{name.rsplit('-', 1)[1]}/healthz")

    def wait_for(self, url: str, *, status: int = 200, seconds: float = 60) -> float:
        """Wait until ``url`` answers ``status``; the seconds it took."""
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            if self.status_of(url) == status:
                return time.monotonic() - began
            time.sleep(0.2)
        raise AssertionError(f"{url} did not answer {status} within {seconds} s")

    @staticmethod
    def status_of(url: str) -> int:
        """The status of a GET, 0 when nothing answers."""
        result = subprocess.run(
            ["curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "-H", "Host: localhost", url],
            capture_output=True,
            text=True,
            check=False,
        )
        return int(result.stdout or 0)

    # --- Redis and PostgreSQL -------------------------------------------------------

    def _redis(self, *command: str) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), *command],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout

    def stop_redis(self) -> None:
        """Stop Redis as a crash would (nothing saved); it comes back empty with the same files."""
        self.redis_files = {key: self._redis("config", "get", key).split("\n")[1] for key in ("pidfile", "logfile")}
        self._redis("shutdown", "nosave")
        for _ in range(100):
            if not self.redis_up():
                return
            time.sleep(0.05)

    def start_redis(self) -> None:
        files = self.redis_files or {"logfile": str(self.state / "logs" / "redis.log"), "pidfile": ""}
        subprocess.run(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                files["logfile"],
                "--pidfile",
                files["pidfile"],
            ],
            check=True,
        )
        for _ in range(100):
            if self.redis_up():
                return
            time.sleep(0.05)

    def redis_up(self) -> bool:
        return self._redis("ping").strip() == "PONG"

    def postgres(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", _pg_version(), "revmodci", action],
            check=True,
            capture_output=True,
        )

    def postgres_up(self) -> bool:
        result = subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", str(self.pg_port)],
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def restore(self) -> None:
        """Every part running again, and the stack healthy."""
        if not self.postgres_up():
            self.postgres("start")
        if not self.redis_up():
            self.start_redis()
        for name in [f"web-{port}" for port in self.workers] + [f"sockets-{port}" for port in self.socket_workers]:
            if self.pid(name) is None:
                self.start(name)
        if self.pid("worker") is None:
            self.start("worker")
        self.wait_for(f"{self.base}/healthz")


# --- clients ------------------------------------------------------------------------


def session() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(ssl=False, limit=0), timeout=aiohttp.ClientTimeout(total=30)
    )


def csrf_token(client: aiohttp.ClientSession, base: str) -> str:
    return client.cookie_jar.filter_cookies(URL(base))["csrftoken"].value


async def signed_in(base: str, email: str, password: str) -> aiohttp.ClientSession:
    client = session()
    async with client.get(f"{base}/en/accounts/sign-in/") as response:
        await response.read()
    data = {"username": email, "password": password, "csrfmiddlewaretoken": csrf_token(client, base)}
    async with client.post(
        f"{base}/en/accounts/sign-in/", data=data, headers={"Referer": base + "/"}, allow_redirects=False
    ) as response:
        assert response.status == 302, f"sign-in of {email} answered {response.status}"
    return client


@dataclass
class Posted:
    key: str
    marker: str
    statuses: list[tuple[float, float, int]] = field(default_factory=list)  # (sent, answered, status); 0 = no answer
    comment_id: int | None = None


async def post_comment(
    client: aiohttp.ClientSession, base: str, review_id: int, posted: Posted, *, tries: int = 20
) -> None:
    """Post a comment as the page does, retrying a failed attempt with the same idempotency key."""
    for attempt in range(tries):
        sent = time.monotonic()
        status = 0
        try:
            async with client.post(
                f"{base}/en/reviews/{review_id}/comments/",
                data={
                    "body": f"{BODY_PREFIX}{posted.marker}",
                    "visibility": "all",
                    "csrfmiddlewaretoken": csrf_token(client, base),
                },
                headers={"X-Requested-With": "fetch", "Referer": base + "/", "Idempotency-Key": posted.key},
            ) as response:
                status = response.status
                if status == 201:
                    posted.comment_id = (await response.json())["id"]
                else:
                    await response.read()
        except (aiohttp.ClientError, TimeoutError):
            status = 0
        posted.statuses.append((sent, time.monotonic(), status))
        if status == 201:
            return
        await asyncio.sleep(min(2.0, 0.1 * 2**attempt))


BODY_PREFIX = "Fault case "  # every comment a case posts: its marker follows


def stored_markers(review) -> list[str]:
    """The marker of every comment the cases posted in ``review``, as stored (twice if stored twice)."""
    bodies = Comment.objects.filter(thread__review=review, body__startswith=BODY_PREFIX).values_list("body", flat=True)
    return [body.removeprefix(BODY_PREFIX) for body in bodies]


def new_post() -> Posted:
    return Posted(key=uuid.uuid4().hex, marker=uuid.uuid4().hex[:16])


@dataclass
class Reader:
    """One page's socket on a review, as live.js runs it.

    It reconnects with backoff and catches up from its cursor; the cursor moves only over change
    numbers held without a hole, and a hole still open a moment after it appeared is asked for
    with a catch-up (a change whose live message was lost, or is not this reader's to see).
    """

    client: aiohttp.ClientSession
    base: str
    review_id: int
    cursor: int = 0
    seen: dict[int, int] = field(default_factory=dict)  # comment id -> times received (live and catch-up)
    shown: set[int] = field(default_factory=set)  # comment ids shown, after the page's own de-duplication
    reconnects: int = 0
    holes_asked: int = 0  # catch-ups sent for a hole in the numbers received live
    connected: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: bool = False
    ahead: set[int] = field(default_factory=set)
    hole_task: asyncio.Task | None = None

    async def run(self) -> None:
        url = f"{self.base.replace('https', 'wss', 1)}/ws/reviews/{self.review_id}/"
        retries = 0
        while not self.stopping:
            try:
                async with self.client.ws_connect(url, headers={"Origin": self.base}, heartbeat=None) as socket:
                    retries = 0
                    self.connected.set()
                    await socket.send_str(json.dumps({"type": "catch_up", "after": self.cursor}))
                    async for message in socket:
                        if message.type != aiohttp.WSMsgType.TEXT:
                            break
                        await self.handle(socket, json.loads(message.data))
                        if self.stopping:
                            return
            except (aiohttp.ClientError, TimeoutError, ConnectionError):
                pass
            finally:
                if self.hole_task is not None:
                    self.hole_task.cancel()
                    self.hole_task = None
            if self.stopping:
                return
            self.connected.clear()
            self.reconnects += 1
            retries += 1
            await asyncio.sleep(min(5.0, 0.2 * 2**retries))

    async def handle(self, socket, payload: dict) -> None:
        if payload.get("type") == "catch_up":
            for event in payload["events"]:
                self.take(event)
            self.cursor = max(self.cursor, payload["cursor"])
            self.advance(socket, self.cursor)
            if payload.get("more"):
                await socket.send_str(json.dumps({"type": "catch_up", "after": self.cursor}))
        elif payload.get("type") == "comment.created":
            self.take(payload)
            self.advance(socket, payload.get("seq") or 0)

    def take(self, event: dict) -> None:
        if event.get("type") != "comment.created":
            return
        self.seen[event["id"]] = self.seen.get(event["id"], 0) + 1
        self.shown.add(event["id"])

    def advance(self, socket, seq: int) -> None:
        if seq > self.cursor:
            self.ahead.add(seq)
        while self.cursor + 1 in self.ahead:
            self.cursor += 1
        self.ahead = {number for number in self.ahead if number > self.cursor}
        if not self.ahead and self.hole_task is not None:
            self.hole_task.cancel()
            self.hole_task = None
        elif self.ahead and self.hole_task is None:
            self.hole_task = asyncio.create_task(self.fill_hole(socket))

    async def fill_hole(self, socket) -> None:
        await asyncio.sleep(1.5 + random.random() * 1.5)
        self.hole_task = None
        if self.ahead and not socket.closed:
            self.holes_asked += 1
            with contextlib.suppress(ConnectionError, aiohttp.ClientError):
                await socket.send_str(json.dumps({"type": "catch_up", "after": self.cursor}))


def wait_for(condition, seconds: float, every: float = 0.2) -> float:
    """Seconds until ``condition()`` holds, polled every ``every`` s; -1 when it never did."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if condition():
            return time.monotonic() - began
        time.sleep(every)
    return -1.0


def fresh_questionnaire(**kwargs):
    """A published questionnaire under a version of cluster I no earlier run has taken."""
    taken = Questionnaire.objects.filter(cluster__number=1, instrument__code="untoc").aggregate(Max("version"))
    return published_questionnaire(version=(taken["version__max"] or 0) + 1, **kwargs)


async def wait_until(condition, seconds: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if condition():
            return time.monotonic() - began
        await asyncio.sleep(0.1)
    return -1.0


async def close_all(readers: list[Reader], tasks: list[asyncio.Task], clients: list[aiohttp.ClientSession]) -> None:
    for reader in readers:
        reader.stopping = True
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    for client in clients:
        await client.close()
