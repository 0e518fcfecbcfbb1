from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings

from revmod.celery import app
from revmod.core.middleware import ServerTimingMiddleware
from revmod.states.models import MemberState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_speaks_every_language(client, language):
    response = client.get(f"/{language}/")

    body = response.content.decode()
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in body
    assert 'href="#main"' in body
    assert 'action="/i18n/setlang/"' in body


def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")

    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_home_sends_a_signed_in_person_to_the_dashboard(client, person):
    client.force_login(person)

    response = client.get("/en/")

    assert response["Location"] == "/en/dashboard/"


def test_dashboard_greets_the_signed_in_person(client):
    user = UserFactory(full_name="Amina Diallo")
    client.force_login(user)

    response = client.get("/fr/dashboard/")

    assert response.status_code == 200
    assert "Amina" in response.content.decode()


def test_language_switch_remembers_the_choice_of_a_signed_in_person(client, person):
    client.force_login(person)

    response = client.post("/i18n/setlang/", {"language": "es", "next": "/en/dashboard/"})

    assert response["Location"] == "/es/dashboard/"
    person.refresh_from_db()
    assert person.preferred_language == "es"


def test_language_switch_ignores_an_unknown_language(client, person):
    client.force_login(person)

    client.post("/i18n/setlang/", {"language": "de", "next": "/en/dashboard/"})

    person.refresh_from_db()
    assert person.preferred_language == "en"


def test_language_switch_works_for_an_anonymous_visitor(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/"})

    assert response["Location"] == "/ru/"
    assert response.cookies["django_language"].value == "ru"


# Redis unreachable (nothing listens on port 9): the product's cache and the strict health alias.
BROKEN_CACHES = {
    "default": {"BACKEND": "revmod.core.cache.TolerantRedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    "health": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
}


def test_healthz_reports_every_component(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "components": {"database": "ok", "cache": "ok", "channel_layer": "ok", "task_broker": "ok"},
    }


def test_healthz_answers_503_when_the_cache_is_down(client):
    broken_cache = BROKEN_CACHES
    with override_settings(CACHES=broken_cache):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "components": {"database": "ok", "cache": "down", "channel_layer": "ok", "task_broker": "ok"},
    }


def test_healthz_keeps_the_reason_for_a_failure_out_of_the_body_and_in_the_log(client, caplog):
    broken_cache = BROKEN_CACHES
    with override_settings(CACHES=broken_cache), caplog.at_level("WARNING", logger="revmod.core.health"):
        response = client.get("/healthz")

    body = response.content.decode()
    assert response.status_code == 503
    assert "127.0.0.1" not in body
    assert "Error" not in body
    health_log = [record.getMessage() for record in caplog.records if record.name == "revmod.core.health"]
    assert health_log == ["Health check: cache is down"]
    assert "127.0.0.1:9" in caplog.text  # the exception, with its traceback, is in the log


def test_healthz_answers_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL

    assert response.status_code == 503
    assert response.json()["components"]["task_broker"] == "down"


def test_healthz_needs_no_language_prefix_and_no_login(client):
    assert client.get("/en/healthz").status_code == 404
    assert client.get("/healthz").status_code == 200


def test_whoami_answers_the_signed_in_person_only(client, person):
    assert client.get("/en/me/").status_code == 302
    client.force_login(person)

    assert client.get("/en/me/").json() == {"email": person.email, "name": person.full_name}


def test_server_timing_reports_time_and_query_count(rf):
    def view(request):
        MemberState.objects.count()
        MemberState.objects.exists()
        return HttpResponse("ok")

    response = ServerTimingMiddleware(view)(rf.get("/"))

    assert response["Server-Timing"].startswith("app;dur=")
    assert response["Server-Timing"].endswith('db;desc="queries";dur=2')
