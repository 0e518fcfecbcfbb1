"""The serving set-ups of deploy/serve.sh, started behind nginx as production runs them, measured side by side.

Each set-up gets the shipped nginx site file (rendered by ``deploy/prod-local.sh nginx-config``
for loopback ports, TLS included), its web workers and, where it has them, its socket workers,
all through ``deploy/serve.sh``. The same clients then load a static file nginx serves itself
(which is the load generator's ceiling too: nothing on the machine answers faster), the bare
signed-in view and the review page, and count live delivery over sockets. Each worker's resident
memory is read before and after, and the CPU the workers, nginx and the load generator used.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
BASH = shutil.which("bash") or "/bin/bash"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

DEFAULT = "wsgi"  # deploy/serve.sh's default, chosen by these measurements (README "Choosing the server")
# REVMOD_SERVER: what it is. The one-server set-ups, and the split one.
SETUPS = {
    "daphne": "Daphne (ASGI, HTTP and sockets)",
    "uvicorn": "uvicorn, uvloop + httptools (ASGI, HTTP and sockets)",
    "granian": "granian ASGI (HTTP and sockets)",
    "wsgi": "granian WSGI for HTTP + uvicorn for sockets",
}


@dataclass
class Setup:
    """One serving set-up, running: its worker processes by name, and nginx in front."""

    server: str
    https_port: int
    web_ports: list[int]
    socket_ports: list[int]
    state: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"https://localhost:{self.https_port}"

    @property
    def nginx_conf(self) -> Path:
        return self.state / "nginx" / "nginx.conf"

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        return env | {
            "REVMOD_SERVER": self.server,
            "PROD_LOCAL_DIR": str(self.state),
            "PROD_LOCAL_HTTPS_PORT": str(self.https_port),
            "PROD_LOCAL_HTTP_PORT": str(self.https_port + 1),
            "PROD_LOCAL_WORKERS": " ".join(map(str, self.web_ports)),
            "PROD_LOCAL_SOCKET_WORKERS": " ".join(map(str, self.socket_ports)),
            "CSRF_TRUSTED_ORIGINS": self.base,
            "BEHIND_PROXY": "true",
            "PROXY_COUNT": "1",
        }

    def start(self, env: dict[str, str]) -> None:
        env = self.environment(env)
        subprocess.run([BASH, str(ROOT / "deploy/prod-local.sh"), "nginx-config"], env=env, check=True)  # noqa: S603
        logs = self.state / "logs"
        for role, ports in (("web", self.web_ports), ("sockets", self.socket_ports)):
            for port in ports:
                with (logs / f"{role}-{port}.log").open("w") as log:  # the child keeps its own copy
                    self.processes[f"{role}-{port}"] = subprocess.Popen(  # noqa: S603 - our own launcher
                        [BASH, str(ROOT / "deploy/serve.sh"), role, str(port)],
                        env=env,
                        cwd=ROOT,
                        stdout=subprocess.DEVNULL,
                        stderr=log,
                        start_new_session=True,
                    )
        for name, process in self.processes.items():
            wait_healthy(f"http://127.0.0.1:{name.rsplit('-', 1)[1]}/healthz", process, name)
        subprocess.run([NGINX, "-c", str(self.nginx_conf)], check=True)  # noqa: S603 - Debian's nginx
        wait_healthy(f"{self.base}/healthz", None, "nginx")

    def stop(self) -> None:
        subprocess.run([NGINX, "-c", str(self.nginx_conf), "-s", "quit"], check=False, capture_output=True)  # noqa: S603
        for process in self.processes.values():
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        nginx_pid = self.state / "run" / "nginx.pid"
        for _ in range(100):
            if not nginx_pid.exists():
                break
            time.sleep(0.1)

    def worker_pids(self) -> dict[str, list[int]]:
        """Each worker's process and its children (granian runs its workers as children)."""
        return {name: process_tree(process.pid) for name, process in self.processes.items()}

    def nginx_pids(self) -> list[int]:
        try:
            return process_tree(int((self.state / "run" / "nginx.pid").read_text()))
        except (OSError, ValueError):
            return []


def wait_healthy(url: str, process: subprocess.Popen | None, name: str, seconds: float = 60) -> None:
    import ssl  # noqa: PLC0415

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # prod-local's self-signed certificate
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{name} stopped before it answered {url}") from None
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer {url} within {seconds} s")


def process_tree(pid: int) -> list[int]:
    """``pid`` and every descendant, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def resident_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE
        except OSError:
            continue
    return round(total / 2**20, 1)
