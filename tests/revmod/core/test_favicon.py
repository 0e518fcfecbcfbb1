"""Every page names its icon, and /favicon.ico leads to it: no page costs a 404."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.factories import SecretariatFactory, UserFactory

pytestmark = pytest.mark.django_db

ICONS = ['href="/static/core/favicon.ico" sizes="32x32"', 'href="/static/core/favicon.svg" type="image/svg+xml"']


@pytest.mark.parametrize("path", ["/en/", "/en/accounts/sign-in/", "/en/accessibility/", "/ar/accounts/sign-in/"])
def test_public_pages_name_the_icon(path):
    page = Client().get(path).content.decode()

    for icon in ICONS:
        assert f'<link rel="icon" {icon}>' in page


def test_signed_in_pages_name_the_icon():
    client = Client()
    client.force_login(UserFactory())

    page = client.get("/en/dashboard/").content.decode()

    for icon in ICONS:
        assert f'<link rel="icon" {icon}>' in page


@pytest.mark.parametrize("name", ["core/favicon.ico", "core/favicon.svg"])
def test_the_icons_are_static_files(name):
    path = finders.find(name)

    assert path is not None
    content = Path(path).read_bytes()
    assert content.startswith(b"\x00\x00\x01\x00" if name.endswith(".ico") else b"<svg")


def test_favicon_ico_at_the_root_leads_to_the_static_icon():
    response = Client().get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/core/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]


def test_favicon_ico_is_reachable_before_the_second_factor():
    client = Client()
    client.force_login(SecretariatFactory())  # a password sign-in only: every other page redirects to two-factor

    response = client.get("/favicon.ico")

    assert response["Location"] == "/static/core/favicon.ico"
