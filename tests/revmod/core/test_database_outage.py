"""While the database is away, pages answer 503 in the reader's language, never a traceback."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import RequestFactory
from django.utils import translation

from revmod.core.views import database_unavailable
from tests.clients import VerifiedClient
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def database_away():
    """Every query fails the way psycopg fails when PostgreSQL is restarting."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
    return mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=refused)


@pytest.fixture
def signed_in():
    client = VerifiedClient(raise_request_exception=False)
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "The platform is briefly unavailable"),
        ("fr", "La plateforme est momentanément indisponible"),
        ("ar", "المنصة غير متاحة لفترة وجيزة"),
    ],
)
def test_a_page_during_the_outage_says_so_in_the_readers_language(signed_in, language, title):
    with database_away():
        response = signed_in.get(f"/{language}/dashboard/")

    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert f"<title>{title} · REVMOD</title>" in body
    assert f'lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in body
    assert "Traceback" not in body
    assert "5432" not in body  # nothing of the connection's details reaches the page
    assert 'href="/' + language + '/dashboard/"' in body  # try again


def test_a_form_sent_during_the_outage_is_said_maybe_not_saved(signed_in):
    with database_away():
        response = signed_in.post("/fr/accounts/sign-out/")

    body = response.content.decode()
    assert response.status_code == 503
    assert "peut-être pas été enregistré" in body


def test_the_api_answers_503_in_json(signed_in):
    with database_away():
        response = signed_in.get("/api/v1/reviews/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 503
    assert response.json()["detail"]
    assert response["Retry-After"] == "30"


def test_the_outage_page_makes_no_query(django_assert_num_queries):
    request = RequestFactory().get("/ru/reviews/")
    with translation.override("ru"), django_assert_num_queries(0):
        response = database_unavailable(request)

    assert response.status_code == 503
    assert 'lang="ru"' in response.content.decode()


def test_any_other_error_is_still_a_500(signed_in):
    with mock.patch.object(BaseDatabaseWrapper, "_cursor", side_effect=RuntimeError("a bug, not an outage")):
        response = signed_in.get("/en/dashboard/")

    assert response.status_code == 500
    assert "briefly unavailable" not in response.content.decode()
