from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def login_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("accounts:login")


def test_sign_in_by_email_lands_on_the_dashboard_in_the_preferred_language(client):
    UserFactory(email="amira@example.org", preferred_language="ar")

    response = client.post(login_url("en"), {"username": "Amira@Example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/ar/dashboard/"
    assert response.cookies["django_language"].value == "ar"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


def test_sign_in_keeps_the_page_asked_for_in_the_preferred_language(client):
    UserFactory(email="li@example.org", preferred_language="zh-hans")

    response = client.post(
        login_url("en") + "?next=/en/accounts/password/",
        {"username": "li@example.org", "password": PASSWORD, "next": "/en/accounts/password/"},
    )

    assert response["Location"] == "/zh-hans/accounts/password/"


def test_sign_in_ignores_a_next_url_on_another_host(client):
    UserFactory(email="li@example.org")

    response = client.post(
        login_url(), {"username": "li@example.org", "password": PASSWORD, "next": "https://evil.example.com/"}
    )

    assert response["Location"] == "/en/dashboard/"


def test_sign_in_with_a_wrong_password_shows_an_error_and_keeps_the_address(client):
    UserFactory(email="li@example.org")

    response = client.post(login_url(), {"username": "li@example.org", "password": "wrong"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Please enter a correct e-mail address and password" in body
    assert 'value="li@example.org"' in body
    assert "_auth_user_id" not in client.session


def test_dashboard_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/fr/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/sign-in/?next=/fr/dashboard/"


def test_sign_out_needs_post_and_ends_the_session(client, person):
    client.force_login(person)

    assert client.get("/en/accounts/sign-out/").status_code == 405
    response = client.post("/en/accounts/sign-out/")

    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_change_requires_the_old_password(client, person):
    client.force_login(person)

    refused = client.post(
        "/en/accounts/password/",
        {
            "old_password": "not it",
            "new_password1": "a much longer passphrase 42",
            "new_password2": "a much longer passphrase 42",
        },
    )
    changed = client.post(
        "/en/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer passphrase 42",
            "new_password2": "a much longer passphrase 42",
        },
    )

    assert refused.status_code == 200
    assert changed["Location"] == "/en/accounts/password/done/"
    person.refresh_from_db()
    assert person.check_password("a much longer passphrase 42")


def test_password_change_refuses_a_short_password(client, person):
    client.force_login(person)

    response = client.post(
        "/en/accounts/password/", {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"}
    )

    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()


def test_password_reset_mail_is_written_in_the_recipient_language(client):
    UserFactory(email="ivan@example.org", full_name="Ivan Petrov", preferred_language="ru")

    response = client.post("/en/accounts/password/reset/", {"email": "ivan@example.org"})

    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivan@example.org"]
    with translation.override("ru"):
        assert message.subject == translation.gettext("Choose a new REVMOD password")
    assert re.search(r"http://testserver/ru/accounts/password/reset/[^/]+/[^/]+/", message.body)


def test_password_reset_answers_the_same_for_an_unknown_address(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response["Location"] == "/en/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_reset_link_sets_a_new_password(client):
    user = UserFactory(email="ana@example.org", preferred_language="pt")
    client.post("/en/accounts/password/reset/", {"email": "ana@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "uma frase secreta comprida", "new_password2": "uma frase secreta comprida"},
    )

    assert response["Location"] == "/pt/accounts/password/reset/complete/"
    user.refresh_from_db()
    assert user.check_password("uma frase secreta comprida")


def test_api_token_is_shown_once_replaced_and_revoked(client, person):
    client.force_login(person)

    made = client.post("/en/accounts/api-token/", {"action": "create"}).content.decode()
    key = Token.objects.get(user=person).key
    later = client.get("/en/accounts/api-token/").content.decode()
    client.post("/en/accounts/api-token/", {"action": "revoke"})

    assert key in made
    assert key not in later
    assert not Token.objects.filter(user=person).exists()


def test_api_token_page_needs_sign_in(client):
    assert client.get("/en/accounts/api-token/").status_code == 302


def test_sessions_are_listed_and_ended_everywhere_else(person):
    first, second = Client(), Client()
    for browser, agent in ((first, "Firefox on Windows"), (second, "Safari on iPhone")):
        browser.post("/en/accounts/sign-in/", {"username": person.email, "password": PASSWORD}, HTTP_USER_AGENT=agent)

    listing = first.get("/en/accounts/sessions/").content.decode()
    first.post("/en/accounts/sessions/", {"all_others": "1"})

    assert "Firefox on Windows" in listing
    assert "Safari on iPhone" in listing
    assert second.get("/en/dashboard/").status_code == 302
    assert first.get("/en/dashboard/").status_code == 200


def test_one_cannot_end_someone_elses_session(person):
    other = UserFactory(email="other@example.org")
    theirs, mine = Client(), Client()
    theirs.post("/en/accounts/sign-in/", {"username": other.email, "password": PASSWORD})
    mine.post("/en/accounts/sign-in/", {"username": person.email, "password": PASSWORD})

    mine.post("/en/accounts/sessions/", {"session": theirs.session.session_key})

    assert theirs.get("/en/dashboard/").status_code == 200


def test_sessions_page_needs_sign_in():
    assert Client().get("/en/accounts/sessions/").status_code == 302
