"""Checks of the services the product depends on, for /healthz.

/healthz answers anyone, so it says only "ok" or "down" per component; why a component is down
(which names host names, ports and versions) goes to the log.
"""

from __future__ import annotations

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from revmod.celery import app as celery_app

logger = logging.getLogger(__name__)

OK = "ok"
DOWN = "down"


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    cache = caches["health"]  # the strict client: the default one hides an outage
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)
    return settings.CACHES["health"]["BACKEND"].rsplit(".", 1)[-1]


async def _round_trip(layer) -> None:
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError("the channel layer returned another message")


def check_channel_layer() -> str:
    layer = get_channel_layer()
    async_to_sync(_round_trip)(layer)
    return type(layer).__name__


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
        return conn.transport.driver_type


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "task_broker": check_broker,
}


def run_checks() -> dict[str, str]:
    """Each component's status word, ``OK`` or ``DOWN``; the reason for a ``DOWN`` is logged."""
    results = {}
    for name, check in CHECKS.items():
        try:
            backend = check()
        except Exception:  # any failure of any backend means "down"; the log keeps the details
            logger.warning("Health check: %s is down", name, exc_info=True)
            results[name] = DOWN
        else:
            logger.debug("Health check: %s is up (%s)", name, backend)
            results[name] = OK
    return results
