"""Test settings: fast hashing, local memory, eager tasks.

The same suite runs on PostgreSQL and Redis when DATABASE_URL and REDIS_URL are
set (CI does both); the other overrides only make the suite fast.
"""

from __future__ import annotations

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks-0123456789")
os.environ.setdefault("HTTPS", "false")
# One connection per test thread is what the test database expects; the pool is for servers.
os.environ.setdefault("DB_POOL", "false")

from revmod.settings import *  # noqa: F403
from revmod.settings import REDIS_URL, REST_FRAMEWORK, redis_channel_layer

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if REDIS_URL:
    # Each pytest-xdist worker gets its own Redis database, so one worker's cache.clear()
    # or channel groups never touch another's.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    WORKER_REDIS_URL = f"{REDIS_URL.rsplit('/', 1)[0]}/{worker + 1}"
    CACHES = {
        "default": {"BACKEND": "revmod.core.cache.TolerantRedisCache", "LOCATION": WORKER_REDIS_URL},
        "health": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": WORKER_REDIS_URL},
    }
    CHANNEL_LAYERS = {"default": redis_channel_layer(WORKER_REDIS_URL)}
# Without Redis, the embedded default's local-memory caches, as revmod.settings sets them.
# The API tests and the schema fuzzing make many calls as one person; the limits stay on (one
# test lowers them to see a 429), high enough that no other test meets them.
REST_FRAMEWORK = REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"user": "100000/hour", "anon": "100000/hour"}}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
