"""The front door: throttling, password patterns, strict headers and cookies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from revmod.accounts.validators import PatternPasswordValidator
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import without_csrf_tokens
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def attempt(client, email: str, password: str, address: str = "198.51.100.7"):
    return client.post("/en/accounts/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=address)


def test_a_scripted_guessing_run_is_stopped_after_five_failures(client):
    UserFactory(email="target@example.org")

    answers = [attempt(client, "target@example.org", f"guess-{n}").status_code for n in range(8)]
    right_password_now = attempt(client, "target@example.org", PASSWORD)

    assert answers[:4] == [200, 200, 200, 200]
    assert set(answers[5:]) == {429}
    assert right_password_now.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_looks_the_same_for_an_unknown_address(client):
    UserFactory(email="known@example.org")
    for n in range(6):
        attempt(client, "known@example.org", f"x{n}", address="198.51.100.1")
        attempt(client, "nobody@example.org", f"x{n}", address="198.51.100.2")

    known = attempt(client, "known@example.org", "again", address="198.51.100.1")
    unknown = attempt(client, "nobody@example.org", "again", address="198.51.100.2")

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert without_csrf_tokens(known.content.decode()) == without_csrf_tokens(unknown.content.decode())


def test_a_failed_sign_in_says_the_same_for_known_and_unknown_addresses(client):
    UserFactory(email="known@example.org")

    known = attempt(client, "known@example.org", "wrong", address="198.51.100.3").content.decode()
    unknown = attempt(client, "unknown@example.org", "wrong", address="198.51.100.4").content.decode()

    assert without_csrf_tokens(known.replace("known@example.org", "X")) == without_csrf_tokens(
        unknown.replace("unknown@example.org", "X")
    )


def test_one_address_guessing_many_accounts_is_stopped_at_the_address_limit(client, settings):
    answers = [
        attempt(client, f"user{n}@example.org", "guess", address="203.0.113.9").status_code
        for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT + 1)
    ]

    assert answers[settings.AXES_ADDRESS_FAILURE_LIMIT - 2] == 200
    assert answers[settings.AXES_ADDRESS_FAILURE_LIMIT - 1 :] == [429, 429]


def test_the_secretariat_unlocks_a_paused_sign_in(client, secretariat):
    person = UserFactory(email="locked@example.org")
    for n in range(6):
        attempt(client, "locked@example.org", f"x{n}", address="198.51.100.20")
    locked = AccessAttempt.objects.filter(username="locked@example.org").first()
    client.force_login(secretariat)

    page = client.get(reverse("accounts:lockouts")).content.decode()
    client.post(reverse("accounts:lockouts"), {"attempt": locked.pk})
    client.logout()
    after = attempt(client, person.email, PASSWORD, address="198.51.100.21")

    assert "locked@example.org" in page
    assert after.status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_UNLOCKED).count() == 1


def paused(*, username: str | None, address: str, failures: int) -> AccessAttempt:
    return AccessAttempt.objects.create(
        username=username, ip_address=address, user_agent="", failures_since_start=failures, attempt_time=timezone.now()
    )


@pytest.mark.parametrize("count", [1, 5])
def test_lockouts_page_query_count_does_not_grow(client, secretariat, settings, django_assert_num_queries, count):
    for index in range(count):
        paused(username=f"p{index}@example.org", address=f"203.0.113.{index + 1}", failures=settings.AXES_FAILURE_LIMIT)
        paused(username=None, address=f"198.51.100.{index + 1}", failures=settings.AXES_ADDRESS_FAILURE_LIMIT)
    client.force_login(secretariat)

    with django_assert_num_queries(9):
        page = client.get(reverse("accounts:lockouts")).content.decode()

    # An address over its own limit is over the account limit too, so it shows in both lists.
    assert (page.count('name="attempt"'), page.count('name="address"')) == (2 * count, count)


@pytest.mark.parametrize("who", ["person", "anonymous"])
def test_lockouts_page_is_for_the_secretariat(client, person, who):
    if who == "person":
        client.force_login(person)

    assert client.get(reverse("accounts:lockouts")).status_code == (404 if who == "person" else 302)


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "qwertyuiop12", "1234567890ab", "abcabcabcabc", "zyxwvutsrqpo"])
def test_pattern_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        PatternPasswordValidator().validate(password)


@pytest.mark.parametrize("password", ["correct horse battery staple", "Lo5-river-Tamarind", "la frase secreta 2026"])
def test_ordinary_passphrases_pass(password):
    PatternPasswordValidator().validate(password)


def test_pages_carry_a_strict_content_security_policy_and_headers(client):
    response = client.get("/en/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_template_holds_inline_script_or_style():
    offenders = []
    for template in ROOT.glob("*/**/templates/**/*.html"):
        if ".venv" in template.parts or "exports" in template.parts:  # the PDF template is never served
            continue
        text = template.read_text(encoding="utf-8")
        if "<script>" in text or "style=" in text or "<style" in text or " onclick=" in text:
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


def test_production_cookies_and_transport_are_strict():
    env = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {
        "SECRET_KEY": "s" * 10 + "-production-like-secret-0123456789abcdefghij",
        "DJANGO_SETTINGS_MODULE": "revmod.settings",
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'session_httponly': s.SESSION_COOKIE_HTTPONLY,"
        "'session_samesite': s.SESSION_COOKIE_SAMESITE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'hsts': s.SECURE_HSTS_SECONDS, 'ssl_redirect': s.SECURE_SSL_REDIRECT, 'frame': s.X_FRAME_OPTIONS}))"
    )
    output = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout

    assert json.loads(output) == {
        "session_secure": True,
        "session_httponly": True,
        "session_samesite": "Lax",
        "csrf_secure": True,
        "hsts": 31536000,
        "ssl_redirect": True,
        "frame": "DENY",
    }
