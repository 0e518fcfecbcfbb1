"""The cache on Redis, answering as an empty cache while Redis cannot be reached.

Everything the product keeps in the cache can be rebuilt: rendered questionnaire bodies, version
tokens, presence throttles, registration counters. A Redis restart or outage must cost speed,
never an error page, so each operation that cannot reach Redis answers as an empty cache would
(a miss, a write that kept nothing) and is logged. /healthz checks Redis through the strict
``health`` alias and reports the outage.

Behind Redis Sentinel (revmod.redis_sentinel) both aliases take their connections from
``SentinelMasterPool``: each new connection asks the sentinels for the primary, so after a
failover the cache is on the new primary as soon as its old connections have failed once.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.sentinel import Sentinel, SentinelConnectionPool

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY = 10.0  # seconds: an outage is logged now and then, not once per request


def _missing(key, *args):
    raise ValueError(f"Key {key!r} not found.")  # what incr says of a key an empty cache lacks


# What each operation of an empty cache answers (arguments as RedisCacheClient takes them).
AS_EMPTY = {
    "add": lambda key, value, timeout: True,
    "get": lambda key, default: default,
    "set": lambda key, value, timeout: None,
    "touch": lambda key, timeout: False,
    "delete": lambda key: False,
    "get_many": lambda keys: {},
    "has_key": lambda key: False,
    "incr": _missing,
    "set_many": lambda data, timeout: [],
    "delete_many": lambda keys: None,
    "clear": lambda: True,
}


class TolerantRedisCacheClient(RedisCacheClient):
    last_logged = 0.0

    def unreachable(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - TolerantRedisCacheClient.last_logged >= LOG_EVERY:
            TolerantRedisCacheClient.last_logged = now
            logger.warning("The cache is unreachable (%s on %s); serving without it", type(error).__name__, operation)


def _tolerant(operation: str):
    strict = getattr(RedisCacheClient, operation)
    empty = AS_EMPTY[operation]

    def method(self, *args):
        try:
            return strict(self, *args)
        except UNREACHABLE as error:
            self.unreachable(operation, error)
            return empty(*args)

    method.__name__ = operation
    return method


for _operation in AS_EMPTY:
    setattr(TolerantRedisCacheClient, _operation, _tolerant(_operation))


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient


class SentinelMasterPool(SentinelConnectionPool):
    """Connections to the primary the sentinels name, for Django's Redis cache (``pool_class``).

    Django builds a pool with ``from_url(LOCATION, **OPTIONS)``; here ``LOCATION`` is the name the
    sentinels monitor and ``OPTIONS`` carries ``sentinels`` (host, port pairs) and ``sentinel_kwargs``
    beside the primary's own connection options (``db``, ``password``).
    """

    @classmethod
    def from_url(cls, url, *, sentinels, sentinel_kwargs=None, **kwargs):
        return cls(url, Sentinel(sentinels, sentinel_kwargs=sentinel_kwargs), **kwargs)
