"""Redis behind three sentinels, and web and Celery workers on it, for the Sentinel fault case.

Everything here runs beside `make prod-local` on loopback ports of its own (a primary, one
replica, three sentinels, two web workers and a Celery worker) in a temporary folder, shares
the stack's PostgreSQL, and is stopped by ``stop()`` whatever happened.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import redis

from tests.faults.stack import ROOT, Reader, csrf_token

MASTER = "revmod"
# Below the kernel's ephemeral range (32768-60999): a port there may be taken at any moment
# as the local end of some outgoing connection, and a server could not bind it.
PRIMARY_PORT = 26480
REPLICA_PORT = 26481
SENTINEL_PORTS = (26482, 26483, 26484)
WEB_PORTS = (8201, 8202)
SOCKET_PORTS = (8211, 8212)  # the production default serves sockets apart (deploy/serve.sh)
BIN = Path(sys.executable).parent
# Both kinds of password are set, as in production: the primary's and replicas' requirepass
# (which each also uses as masterauth, since either may become a replica), and the sentinels'.
REDIS_PASSWORD = "faults-redis-p@ss/word"
SENTINEL_PASSWORD = "faults-sentinel-password"

SENTINEL_CONF = """\
bind 127.0.0.1
port {port}
dir {folder}
sentinel monitor {master} 127.0.0.1 {primary} 2
sentinel down-after-milliseconds {master} 1000
sentinel failover-timeout {master} 10000
sentinel parallel-syncs {master} 1
sentinel auth-pass {master} {redis_password}
requirepass {sentinel_password}
"""


def _wait(condition, seconds: float, what: str) -> float:
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        try:
            if condition():
                return time.monotonic() - began
        except (redis.RedisError, OSError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} within {seconds} s")


def ports_free() -> bool:
    for port in (PRIMARY_PORT, REPLICA_PORT, *SENTINEL_PORTS, *WEB_PORTS, *SOCKET_PORTS):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return False
    return True


@dataclass
class SentinelStack:
    folder: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    # --- Redis and the sentinels -----------------------------------------------------

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.folder / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def start_redis(self) -> None:
        _wait(ports_free, 20, "the ports of an earlier run are still taken")
        for name, port in (("primary", PRIMARY_PORT), ("replica", REPLICA_PORT)):
            data = self.folder / name
            data.mkdir(exist_ok=True)
            command = ["/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(data)]
            command += [
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                REDIS_PASSWORD,
                "--masterauth",
                REDIS_PASSWORD,
            ]
            if name == "replica":
                command += ["--replicaof", "127.0.0.1", str(PRIMARY_PORT)]
            self._spawn(name, command)
        _wait(lambda: self.ask(REPLICA_PORT, "info", "replication")["master_link_status"] == "up", 30, "no replica")
        for port in SENTINEL_PORTS:
            conf = self.folder / f"sentinel-{port}.conf"  # each sentinel rewrites its own file
            values = {"redis_password": REDIS_PASSWORD, "sentinel_password": SENTINEL_PASSWORD}
            conf.write_text(
                SENTINEL_CONF.format(port=port, folder=self.folder, master=MASTER, primary=PRIMARY_PORT, **values)
            )
            self._spawn(f"sentinel-{port}", ["/usr/bin/redis-sentinel", str(conf)])
        _wait(self.sentinels_agree, 30, "the sentinels did not find each other and the replica")

    @staticmethod
    def ask(port: int, method: str, *args, db: int = 0):
        """One command to one Redis or sentinel, on a connection closed afterwards."""
        password = SENTINEL_PASSWORD if port in SENTINEL_PORTS else REDIS_PASSWORD
        with redis.Redis(
            port=port, db=db, password=password, socket_timeout=2, socket_connect_timeout=2, decode_responses=True
        ) as client:
            return getattr(client, method)(*args)

    def sentinels_agree(self) -> bool:
        for port in SENTINEL_PORTS:
            state = self.ask(port, "sentinel_master", MASTER)
            if state["num-slaves"] < 1 or state["num-other-sentinels"] < len(SENTINEL_PORTS) - 1:
                return False
        return True

    def primary_port(self, sentinel_port: int = SENTINEL_PORTS[0]) -> int:
        return int(self.ask(sentinel_port, "sentinel_get_master_addr_by_name", MASTER)[1])

    def fail_over(self, how: str) -> int:
        """Move the primary to the replica; ``how`` is "failover" (SENTINEL FAILOVER) or "kill"."""
        old = self.primary_port()
        if how == "failover":
            self.ask(SENTINEL_PORTS[0], "execute_command", "SENTINEL", "FAILOVER", MASTER)
        else:
            name = "primary" if old == PRIMARY_PORT else "replica"
            os.killpg(self.processes[name].pid, signal.SIGKILL)
        return old

    def wait_for_new_primary(self, old: int, seconds: float = 30) -> float:
        """Seconds until every sentinel names another primary and it takes writes."""

        def moved() -> bool:
            ports = {self.primary_port(port) for port in SENTINEL_PORTS}
            if len(ports) != 1 or old in ports:
                return False
            return self.ask(ports.pop(), "info", "replication")["role"] == "master"

        return _wait(moved, seconds, "no new primary")

    def wait_until_demoted(self, old: int, seconds: float = 30) -> float:
        """Seconds until the old primary takes no more writes: a replica now, or dead."""
        process = self.processes["primary" if old == PRIMARY_PORT else "replica"]

        def demoted() -> bool:
            return process.poll() is not None or self.ask(old, "info", "replication")["role"] == "slave"

        return _wait(demoted, seconds, "the old primary still took writes")

    def environment(self) -> dict[str, str]:
        """The stack's own environment with Redis behind the sentinels instead of REDIS_URL."""
        env = {key: value for key, value in os.environ.items() if not key.startswith(("REDIS_", "CELERY_"))}
        return env | {
            "DJANGO_SETTINGS_MODULE": "revmod.settings",
            "REDIS_SENTINELS": ",".join(f"127.0.0.1:{port}" for port in SENTINEL_PORTS),
            "REDIS_SENTINEL_MASTER": MASTER,
            "REDIS_DB": "3",
            "REDIS_PASSWORD": REDIS_PASSWORD,
            "REDIS_SENTINEL_PASSWORD": SENTINEL_PASSWORD,
            # This case's own mail folder: the stack's is counted by the beat case.
            "EMAIL_FILE_PATH": str(self.folder / "mail"),
        }

    # --- web and Celery workers on it --------------------------------------------------

    def start_workers(self) -> None:
        (self.folder / "mail").mkdir(exist_ok=True)
        env = self.environment() | {"REVMOD_SERVER": "wsgi"}
        for role, ports in (("web", WEB_PORTS), ("sockets", SOCKET_PORTS)):
            for port in ports:
                self._spawn(f"{role}-{port}", ["bash", str(ROOT / "deploy/serve.sh"), role, str(port)], env)
        command = [str(BIN / "celery"), "-A", "revmod", "worker", "--loglevel", "WARNING", "--pool", "solo"]
        self._spawn("worker", [*command, "--hostname", "sentinel@faults"], env)
        for port in (*WEB_PORTS, *SOCKET_PORTS):
            _wait(lambda port=port: self.health(port)[0] == 200, 60, f"the worker on {port} is not healthy")

    @staticmethod
    def health(port: int) -> tuple[int, str]:
        result = subprocess.run(
            ["curl", "-s", "--max-time", "5", "-w", "\n%{http_code}", f"http://127.0.0.1:{port}/healthz"],
            capture_output=True,
            text=True,
            check=False,
        )
        body, _, status = result.stdout.rpartition("\n")
        return int(status or 0), body

    def stop(self) -> None:
        """Workers first (a Celery worker stopping while Redis is away waits to reconnect), then Redis."""
        workers = [name for name in self.processes if name.startswith(("web-", "sockets-", "worker"))]
        self._stop([self.processes[name] for name in workers])
        self._stop([process for name, process in self.processes.items() if name not in workers])
        _wait(ports_free, 20, "a process of this case kept its port")

    @staticmethod
    def _stop(processes: list[subprocess.Popen]) -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.folder / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


# --- clients talking to a worker directly, as nginx would ---------------------------


def worker_base(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def direct_session(port: int) -> aiohttp.ClientSession:
    """A browser session on one worker without nginx: the headers nginx adds say HTTPS.

    The cookies are secure (HTTPS is on), so the jar treats the worker's plain address as
    secure; the Origin header is the one a page on the HTTPS site sends.
    """
    base = worker_base(port)
    # Its sockets go to the socket workers: the same site to the browser, so the cookies go there too.
    secure = [base, *(worker_base(socket_port) for socket_port in SOCKET_PORTS)]
    jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=secure)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1", "Origin": f"https://127.0.0.1:{port}"}
    timeout = aiohttp.ClientTimeout(total=30)
    connector = aiohttp.TCPConnector(limit=0)
    return aiohttp.ClientSession(connector=connector, cookie_jar=jar, headers=headers, timeout=timeout)


async def signed_in_on(port: int, email: str, password: str) -> aiohttp.ClientSession:
    base = worker_base(port)
    client = direct_session(port)
    async with client.get(f"{base}/en/accounts/sign-in/") as response:
        await response.read()
    data = {"username": email, "password": password, "csrfmiddlewaretoken": csrf_token(client, base)}
    async with client.post(f"{base}/en/accounts/sign-in/", data=data, allow_redirects=False) as response:
        assert response.status == 302, f"sign-in of {email} on {port} answered {response.status}"
    return client


@dataclass
class TimedReader(Reader):
    """A page's socket that also notes when each comment reached it."""

    received_at: dict[int, float] = field(default_factory=dict)

    def take(self, event: dict) -> None:
        if event.get("type") == "comment.created":
            self.received_at.setdefault(event["id"], time.monotonic())
        super().take(event)
