"""The settings module as a deployment sees it: started in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "revmod.settings"} | env
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "a-long-and-random-production-secret-0123456789",
    "ALLOWED_HOSTS": "revmod.example.org",
}


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    """``check --deploy`` failing on warnings, under ``env``."""
    return run_manage("check", "--deploy", "--fail-level", "WARNING", **env)


def test_settings_without_secret_key_refuse_to_start_with_a_clear_message():
    result = run_manage("check")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_in_a_production_like_environment():
    result = check_deploy(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_settings_refuse_a_negative_proxy_count():
    # A negative count would read the left-most X-Forwarded-For hop, which the client writes.
    result = run_manage("check", DEBUG="true", PROXY_COUNT="-1")

    assert result.returncode != 0
    assert "PROXY_COUNT=-1 is negative" in result.stderr


def test_pooled_postgres_connections_are_checked_before_they_are_lent():
    # After PostgreSQL restarts, each unchecked connection the pool kept would fail one request.
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.pool._check.__qualname__)",
        DEBUG="true",
        DATABASE_URL="postgres://revmod@127.0.0.1:1/revmod",
        DB_POOL="true",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ConnectionPool.check_connection"


def test_a_task_whose_worker_died_comes_back_after_the_visibility_timeout():
    show = (
        "from django.conf import settings as s; "
        "print(s.CELERY_BROKER_TRANSPORT_OPTIONS, s.CELERY_TASK_REJECT_ON_WORKER_LOST)"
    )
    result = run_manage("shell", "-c", show, DEBUG="true", CELERY_VISIBILITY_TIMEOUT="45")
    refused = run_manage("check", DEBUG="true", CELERY_VISIBILITY_TIMEOUT="0")

    assert result.returncode == 0, result.stderr
    # Looked for every 10 s, not every 100 s (kombu scans on every tenth look by default).
    assert result.stdout.strip().splitlines()[-1] == "{'visibility_timeout': 45, 'unacked_restore_throttle': 1} True"
    assert refused.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must be a number of seconds above 0" in refused.stderr
