"""Swagger UI and Redoc for the API schema: our own static files, the schema's access rule, the site's CSP."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import SecretariatFactory

pytestmark = pytest.mark.django_db

SWAGGER_UI, REDOC, SCHEMA = "/api/schema/swagger-ui/", "/api/schema/redoc/", "/api/schema/"


def assets_of(page: str) -> list[str]:
    return re.findall(r'(?:src|href|spec-url)="([^"]+)"', page)


def csp_of(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", [SWAGGER_UI, REDOC])
def test_the_api_docs_load_only_our_own_static_files(path):
    response = Client().get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assets = assets_of(page)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset  # nothing from another origin: no CDN, no web fonts
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset
    assert "/static/drf_spectacular_sidecar/" in page
    assert "<style" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None  # every script is a file


def test_swagger_ui_reads_its_settings_from_a_script_of_its_own():
    page = Client().get(SWAGGER_UI).content.decode()
    (settings_script,) = [src for src in assets_of(page) if src.startswith(SWAGGER_UI)]

    response = Client().get(settings_script.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert '"/api/schema/"' in response.content.decode()


def test_swagger_ui_keeps_the_sites_content_security_policy():
    policy = csp_of(Client().get(SWAGGER_UI))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]


def test_redoc_alone_may_write_styles_and_start_its_search_worker():
    policy = csp_of(Client().get(REDOC))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["worker-src"] == ["blob:"]
    assert "'unsafe-inline'" not in csp_of(Client().get("/en/accounts/sign-in/"))["style-src"]


@pytest.mark.parametrize("path", [SWAGGER_UI, REDOC])
def test_the_api_docs_follow_the_schemas_access_rule(path, client):
    anonymous = Client()
    half_signed_in = Client()
    half_signed_in.force_login(SecretariatFactory())  # password only: the second factor is still owed
    client.force_login(SecretariatFactory())

    for visitor in (anonymous, half_signed_in, client):
        assert visitor.get(path).status_code == visitor.get(SCHEMA).status_code
    assert anonymous.get(path).status_code == 200
    assert client.get(path).status_code == 200
    assert half_signed_in.get(path).status_code == 302


def test_the_token_page_links_to_the_api_docs(client, world):
    client.force_login(world.focal_point)

    page = client.get("/en/accounts/api-token/").content.decode()

    assert f'href="{SWAGGER_UI}"' in page
    assert f'href="{REDOC}"' in page
