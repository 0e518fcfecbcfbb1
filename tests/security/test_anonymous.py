"""Anonymous visitors reach only the public pages: every other URL of the project sends them to sign in.

Walks every URL pattern (tests/urls.py), so pages added later are covered without listing them.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.urls import every_page

pytestmark = pytest.mark.django_db

PUBLIC = {
    "healthz",
    "favicon",  # a redirect to the static icon
    "api-schema",
    "api-swagger-ui",  # the schema's reader pages: the schema's own access rule (tests/revmod/core/test_api_docs.py)
    "api-redoc",
    "set_language",
    "core:home",
    "accounts:login",
    "accounts:logout",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:activate",
    "reviews:published",
    "reviews:published_summary",
    "reviews:published_summary_in",
    "stakeholders:register",
    "stakeholders:verify",
    "stakeholders:public_summary",
    "elearning:verify",
    "elearning:verify_code",
    "core:accessibility",  # the accessibility statement matters before one signs in
    "calendar_feed",  # opened by its secret token, without a session; a wrong token is 404 (tests/calendars)
    "admin:login",
    "admin:logout",
}


def refusal(path: str, response) -> str | None:
    """None when the anonymous request was refused the right way, else what happened."""
    if path.startswith("/api/"):
        expected = response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    elif path.startswith("/en/admin/"):
        expected = response.status_code == 302 and response["Location"].startswith("/en/admin/login/")
    else:
        expected = response.status_code == 302 and response["Location"].startswith("/en/accounts/sign-in/?next=")
    return None if expected else f"{response.status_code} {response.get('Location', '')}"


def test_every_private_page_refuses_anonymous_visitors():
    client = Client()
    pages = [(name, path) for name, path in every_page() if name not in PUBLIC]

    let_through = {}
    for name, path in pages:
        for method in ("get", "post"):
            outcome = refusal(path, getattr(client, method)(path))
            if outcome:
                let_through[f"{method.upper()} {name} {path}"] = outcome

    assert len(pages) > 150
    assert let_through == {}
