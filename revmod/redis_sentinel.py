"""Redis behind Sentinel: the cache, the channel layer and the Celery broker follow the primary.

Set ``REDIS_SENTINELS`` (``host:port`` of each sentinel, comma-separated) and
``REDIS_SENTINEL_MASTER`` (the name the sentinels monitor) instead of ``REDIS_URL``. Every
connection then asks the sentinels where the primary is, and asks again after a failover:

- the cache, through ``revmod.core.cache.SentinelMasterPool`` (the tolerant ``default`` alias and
  the strict ``health`` alias alike);
- the channel layer, through channels-redis's own sentinel support (``sentinels`` and
  ``master_name`` in its ``hosts`` entry);
- the Celery broker, through kombu's ``sentinel://`` transport with ``master_name`` in the
  transport options.

``REDIS_PASSWORD`` is the primary's and replicas' password (``requirepass``),
``REDIS_SENTINEL_PASSWORD`` the sentinels' own; ``REDIS_DB`` the database number, 0 unless set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORT = 26379
# Each sentinel is asked in turn; one that hangs must not hold a request up for long.
SENTINEL_SOCKET_TIMEOUT = 2.0
# channels-redis waits for messages with a 5-second blocking pop (see redis_channel_layer in settings).
CHANNEL_LAYER_SOCKET_TIMEOUT = 15
# Connections a worker's channel layer may hold to Redis at once. redis-py 8's pool stops at 100:
# a socket worker with a thousand pages joining and leaving groups at once ran out
# (MaxConnectionsError) at 2,000 sockets on two workers in make bench.
CHANNEL_LAYER_MAX_CONNECTIONS = 1000


@dataclass(frozen=True)
class SentinelSetup:
    sentinels: tuple[tuple[str, int], ...]
    master: str
    db: int = 0
    password: str = ""
    sentinel_password: str = ""

    def sentinel_kwargs(self) -> dict:
        kwargs: dict = {"socket_timeout": SENTINEL_SOCKET_TIMEOUT, "socket_connect_timeout": SENTINEL_SOCKET_TIMEOUT}
        if self.sentinel_password:
            kwargs["password"] = self.sentinel_password
        return kwargs

    def _primary_kwargs(self) -> dict:
        kwargs: dict = {"db": self.db}
        if self.password:
            kwargs["password"] = self.password
        return kwargs

    def cache(self, backend: str) -> dict:
        """A ``CACHES`` entry on the primary (``LOCATION`` is the monitored name: there is no URL)."""
        return {
            "BACKEND": backend,
            "LOCATION": self.master,
            "OPTIONS": {
                "pool_class": "revmod.core.cache.SentinelMasterPool",
                "sentinels": list(self.sentinels),
                "sentinel_kwargs": self.sentinel_kwargs(),
                **self._primary_kwargs(),
            },
        }

    def channel_layer(self) -> dict:
        return {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "sentinels": list(self.sentinels),
                        "master_name": self.master,
                        "sentinel_kwargs": self.sentinel_kwargs(),
                        "socket_timeout": CHANNEL_LAYER_SOCKET_TIMEOUT,
                        "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS,
                        **self._primary_kwargs(),
                    }
                ],
                "capacity": 1500,
                "expiry": 30,
            },
        }

    def broker_url(self) -> str:
        """kombu's form: one ``sentinel://`` URL per sentinel, joined by ``;``."""
        credentials = f":{quote(self.password, safe='')}@" if self.password else ""
        return ";".join(f"sentinel://{credentials}{_netloc(host, port)}/{self.db}" for host, port in self.sentinels)

    def broker_transport_options(self) -> dict:
        return {"master_name": self.master, "sentinel_kwargs": self.sentinel_kwargs()}


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_sentinels(raw: str) -> tuple[tuple[str, int], ...]:
    """``"host:port,host:port"`` as pairs; a port left out is Sentinel's 26379, ``[::1]:26379`` for IPv6."""
    found = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        host, port = _split_address(item)
        if not host:
            raise ImproperlyConfigured(f"REDIS_SENTINELS: {item!r} names no host (write host:port).")
        found.append((host, port))
    if not found:
        raise ImproperlyConfigured("REDIS_SENTINELS names no sentinel (write host:port,host:port,host:port).")
    return tuple(found)


def _split_address(item: str) -> tuple[str, int]:
    if item.startswith("["):
        host, bracket, rest = item[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ImproperlyConfigured(f"REDIS_SENTINELS: {item!r} is not [IPv6 address]:port.")
        return host, _port(item, rest[1:]) if rest else DEFAULT_PORT
    if item.count(":") > 1:
        raise ImproperlyConfigured(f"REDIS_SENTINELS: {item!r} is ambiguous; write an IPv6 address as [address]:port.")
    host, colon, port = item.partition(":")
    return host, _port(item, port) if colon else DEFAULT_PORT


def _port(item: str, raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ImproperlyConfigured(f"REDIS_SENTINELS: {item!r} has no valid port (1 to 65535).")
    return int(raw)


def _secret(environ: Mapping[str, str], name: str) -> str:
    file_name = environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE={file_name} cannot be read: {error}") from error
    return environ.get(name, "")


def sentinel_setup(environ: Mapping[str, str]) -> SentinelSetup | None:
    """The Sentinel setup the environment describes, ``None`` when ``REDIS_SENTINELS`` is not set."""
    raw = environ.get("REDIS_SENTINELS", "")
    if not raw.strip():
        for name in ("REDIS_SENTINEL_MASTER", "REDIS_SENTINEL_PASSWORD", "REDIS_SENTINEL_PASSWORD_FILE"):
            if environ.get(name):
                raise ImproperlyConfigured(f"{name} is set but REDIS_SENTINELS is not: list the sentinels (host:port).")
        return None
    if environ.get("REDIS_URL") or environ.get("REDIS_URL_FILE"):
        raise ImproperlyConfigured(
            "Both REDIS_URL and REDIS_SENTINELS are set: use REDIS_URL for one Redis, or REDIS_SENTINELS "
            "(with REDIS_SENTINEL_MASTER) for Redis behind Sentinel, not both."
        )
    master = environ.get("REDIS_SENTINEL_MASTER", "").strip()
    if not master:
        raise ImproperlyConfigured(
            "REDIS_SENTINELS is set but REDIS_SENTINEL_MASTER is not: set it to the name the sentinels "
            "monitor (the `sentinel monitor NAME ...` line of sentinel.conf)."
        )
    db = environ.get("REDIS_DB", "").strip() or "0"
    if not db.isdigit():
        raise ImproperlyConfigured(f"REDIS_DB={db!r} is not a database number (0, 1, 2, ...).")
    return SentinelSetup(
        sentinels=parse_sentinels(raw),
        master=master,
        db=int(db),
        password=_secret(environ, "REDIS_PASSWORD"),
        sentinel_password=_secret(environ, "REDIS_SENTINEL_PASSWORD"),
    )
