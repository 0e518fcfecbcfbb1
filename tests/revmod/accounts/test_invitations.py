from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from revmod.accounts.enums import AccountStatus
from revmod.accounts.tokens import ActivationTokenGenerator
from tests.factories import TrainerFactory, UserFactory, state

pytestmark = pytest.mark.django_db

INVITE = {
    "email": "Amal.Haddad@example.org",
    "full_name": "Amal Haddad",
    "state": "",
    "nominated_role": "expert",
    "preferred_language": "ar",
}


def invite(client, secretariat, **changes):
    client.force_login(secretariat)
    data = INVITE | {"state": str(state("JOR").pk)} | changes
    response = client.post(reverse("accounts:people"), data)
    client.logout()
    return response


def sign_in(client, email: str, password: str) -> bool:
    client.post("/en/accounts/sign-in/", {"username": email, "password": password})
    return "_auth_user_id" in client.session


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(\S+)", message.body).group(1)


def test_invitation_sends_an_activation_link_in_the_persons_language(
    client, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, secretariat)

    person = get_user_model().objects.get(email="amal.haddad@example.org")
    assert response.status_code == 302
    assert (person.status, person.is_active, person.has_usable_password()) == (AccountStatus.INVITED, False, False)
    assert len(mail.outbox) == 1
    with translation.override("ar"):
        assert mail.outbox[0].subject == translation.gettext("You are invited to REVMOD, the review mechanism platform")
    assert link_in(mail.outbox[0]).startswith("/ar/accounts/activate/")


def test_inviting_an_existing_address_is_refused(client, secretariat):
    UserFactory(email="amal.haddad@example.org")

    response = invite(client, secretariat)

    assert response.status_code == 200
    assert "An account with this e-mail address exists already." in response.content.decode()


def test_activation_then_approval_lets_the_person_sign_in(client, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, secretariat)
    link = link_in(mail.outbox[0])
    form = {
        "full_name": "Amal K. Haddad",
        "preferred_language": "fr",
        "new_password1": "a long and unusual passphrase",
        "new_password2": "a long and unusual passphrase",
    }

    activated = client.post(link, form)
    person = get_user_model().objects.get(email="amal.haddad@example.org")
    too_early = sign_in(client, person.email, "a long and unusual passphrase")
    reused = client.get(link)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:approve", kwargs={"pk": person.pk}))
    client.logout()

    person.refresh_from_db()
    assert activated.status_code == 200
    assert (too_early, reused.status_code) == (False, 400)
    assert (person.full_name, person.preferred_language, person.status) == (
        "Amal K. Haddad",
        "fr",
        AccountStatus.ACTIVE,
    )
    assert sign_in(client, person.email, "a long and unusual passphrase")
    approved_mail = mail.outbox[-1]
    with translation.override("fr"):
        assert approved_mail.subject == translation.gettext("Your REVMOD account is ready")


def test_activation_link_expires_after_ten_days(client, secretariat, django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, secretariat)
    link = link_in(mail.outbox[0])
    issued = dt.datetime.now()
    monkeypatch.setattr(ActivationTokenGenerator, "_now", lambda self: issued + dt.timedelta(days=10, hours=1))

    response = client.get(link)

    assert response.status_code == 400
    with translation.override("ar"):
        assert translation.gettext("This activation link is not valid") in response.content.decode()


def test_a_tampered_link_is_refused(client):
    response = client.get(reverse("accounts:activate", kwargs={"uidb64": "MTIz", "token": "abc-def"}))

    assert response.status_code == 400


@pytest.mark.parametrize("who", ["person", "trainer", "anonymous"])
def test_only_the_secretariat_manages_people(client, who):
    if who != "anonymous":
        client.force_login(UserFactory() if who == "person" else TrainerFactory())

    response = client.get(reverse("accounts:people"))

    assert response.status_code == (302 if who == "anonymous" else 404)


@pytest.mark.parametrize("who", ["person", "trainer"])
@pytest.mark.parametrize("action", ["accounts:approve", "accounts:resend_invitation"])
def test_only_the_secretariat_approves_or_reinvites(client, who, action):
    waiting = UserFactory(status=AccountStatus.PENDING_APPROVAL, is_active=False)
    client.force_login(UserFactory() if who == "person" else TrainerFactory())

    response = client.post(reverse(action, kwargs={"pk": waiting.pk}))

    waiting.refresh_from_db()
    assert response.status_code == 404
    assert (waiting.status, waiting.is_active) == (AccountStatus.PENDING_APPROVAL, False)
    assert not mail.outbox


@pytest.mark.parametrize("count", [1, 5])
def test_people_page_query_count_does_not_grow(client, secretariat, django_assert_num_queries, count):
    for index in range(count):
        UserFactory(email=f"waiting{index}@example.org", status=AccountStatus.PENDING_APPROVAL, is_active=False)
    client.force_login(secretariat)

    with django_assert_num_queries(9):
        response = client.get(reverse("accounts:people"))

    assert response.content.decode().count("Approve ") == count
