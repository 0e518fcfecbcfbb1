"""Sessions end after eight hours without activity; using the product keeps them alive without a write per page."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from revmod.accounts import middleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def stored(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_pages_within_a_minute_do_not_write_the_session(client):
    client.force_login(UserFactory())
    client.get("/en/me/")  # the first page after signing in refreshes the session
    before = stored(client).expire_date

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/me/")
        client.get("/en/dashboard/")

    assert not [query["sql"] for query in queries if "django_session" in query["sql"] and "UPDATE" in query["sql"]]
    assert stored(client).expire_date == before


def test_activity_after_a_minute_moves_the_expiry_forward(client, monkeypatch):
    client.force_login(UserFactory())
    client.get("/en/me/")
    before = stored(client).expire_date
    later = time.time() + middleware.SESSION_REFRESH_EVERY + 5
    monkeypatch.setattr(middleware.time, "time", lambda: later)

    client.get("/en/me/")

    assert stored(client).expire_date > before


def test_an_idle_session_has_ended(client):
    client.force_login(UserFactory())
    client.get("/en/me/")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/en/me/")

    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
