from __future__ import annotations

import os
import shutil
from functools import partial
from pathlib import Path

import pytest
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
HEADLESS_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop; Django must allow ORM calls made from the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": HEADLESS_FLAGS}


@pytest.fixture
def artifacts_dir():
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Browser tests talk to a server in another process: SQLite must be a file it can open."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e-test-db.sqlite3"
        path.parent.mkdir(exist_ok=True)
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture
def asgi_live_server(transactional_db):
    """Daphne serving the whole ASGI application (HTTP and WebSocket) on the test database."""
    # The child inherits these settings, already pointing at the test database; it must not
    # inherit open connections, so close them before the fork (they reopen when needed).
    connections.close_all()
    process = DaphneProcess("localhost", partial(make_application, static_wrapper=ASGIStaticFilesHandler))
    process.start()
    while not process.ready.wait(timeout=1):
        if not process.is_alive():
            raise RuntimeError("the test server stopped")
    yield f"http://localhost:{process.port.value}"
    process.terminate()
    process.join()
