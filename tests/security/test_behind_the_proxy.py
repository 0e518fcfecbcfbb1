"""Sign-in throttling and stored addresses behind the documented proxy (PROXY_COUNT=1).

Every request reaches the workers from the proxy's own address. The proxy builds
X-Forwarded-For as nginx's ``$proxy_add_x_forwarded_for`` does: whatever the client sent,
then the address the client connected from.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from revmod.accounts.models import UserSession
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import PROXY, through_proxy
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.10"
COLLEAGUE = "198.51.100.20"


def sign_in(client, email: str, password: str, *, address: str, sent: str = ""):
    return client.post(
        "/en/accounts/sign-in/", {"username": email, "password": password}, **through_proxy(address, sent=sent)
    )


def test_failed_sign_ins_behind_the_proxy_pause_only_the_attackers_account_and_address(client):
    victim = UserFactory(email="victim@example.org")
    colleague = UserFactory(email="colleague@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, victim.email, f"guess-{n}", address=ATTACKER)

    attacker_again = sign_in(client, victim.email, PASSWORD, address=ATTACKER)
    victim_at_home = sign_in(client, victim.email, PASSWORD, address=VICTIM)
    client.logout()
    colleague_elsewhere = sign_in(client, colleague.email, PASSWORD, address=COLLEAGUE)

    assert (attacker_again.status_code, victim_at_home.status_code, colleague_elsewhere.status_code) == (429, 302, 302)
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [(victim.email, ATTACKER)]


def test_a_spoofed_forwarded_for_does_not_change_the_paused_address(client):
    victim = UserFactory(email="victim@example.org")

    answers = [
        sign_in(client, victim.email, f"guess-{n}", address=ATTACKER, sent=f"192.0.2.{n}, 127.0.0.1").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]

    assert answers[-1] == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


def test_one_client_trying_many_accounts_is_paused_without_pausing_others_behind_the_proxy(client):
    person = UserFactory(email="person@example.org")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"user{n}@example.org", "guess", address=ATTACKER)

    attacker_on_a_new_account = sign_in(client, person.email, PASSWORD, address=ATTACKER)
    person_elsewhere = sign_in(client, person.email, PASSWORD, address=VICTIM)

    assert (attacker_on_a_new_account.status_code, person_elsewhere.status_code) == (429, 302)


def test_the_secretariat_lifts_an_address_pause_from_the_lockouts_page(client, secretariat):
    person = UserFactory(email="person@example.org")
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"user{n}@example.org", "guess", address=ATTACKER)
    client.force_login(secretariat)

    page = client.get(reverse("accounts:lockouts"))
    lifted = client.post(reverse("accounts:lockouts"), {"address": ATTACKER}, **through_proxy(COLLEAGUE))
    client.logout()
    after = sign_in(client, person.email, PASSWORD, address=ATTACKER)

    assert [(row["ip_address"], row["accounts"]) for row in page.context["addresses"]] == [
        (ATTACKER, settings.AXES_ADDRESS_FAILURE_LIMIT)
    ]
    assert f'name="address" value="{ATTACKER}"' in page.content.decode()
    assert lifted.status_code == 302
    assert after.status_code == 302
    unlocked = AuditEntry.objects.get(action=AuditAction.SIGN_IN_UNLOCKED)
    assert (unlocked.data, unlocked.ip_address) == ({"ip": ATTACKER}, COLLEAGUE)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es", "pt"])
def test_the_lockouts_page_lists_a_paused_address_in_every_language(client, secretariat, language):
    AccessAttempt.objects.create(
        username="user@example.org",
        ip_address=ATTACKER,
        user_agent="",
        failures_since_start=settings.AXES_ADDRESS_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    client.force_login(secretariat)

    page = client.get(f"/{language}/accounts/people/lockouts/")

    assert page.status_code == 200
    assert page.content.decode().count(f'name="address" value="{ATTACKER}"') == 1


def test_an_invalid_address_to_unlock_is_not_found(client, secretariat):
    client.force_login(secretariat)

    response = client.post(reverse("accounts:lockouts"), {"address": "not-an-ip <b>x</b>"})

    assert response.status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.SIGN_IN_UNLOCKED).count() == 0


def test_a_spoofed_forwarded_for_is_not_stored_in_the_audit_trail_or_the_sessions(client):
    person = UserFactory(email="person@example.org")

    response = sign_in(client, person.email, PASSWORD, address=VICTIM, sent="not-an-ip <b>x</b>, 192.0.2.1")

    assert response.status_code == 302
    assert list(UserSession.objects.values_list("ip_address", flat=True)) == [VICTIM]
    assert list(AuditEntry.objects.values_list("ip_address", flat=True)) == [VICTIM]


def test_a_garbage_trusted_hop_stores_no_address_and_the_request_succeeds(client):
    person = UserFactory(email="person@example.org")

    response = client.post(
        "/en/accounts/sign-in/",
        {"username": person.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="not-an-ip <b>x</b>",
    )

    assert response.status_code == 302
    assert list(UserSession.objects.values_list("ip_address", flat=True)) == [None]
    assert list(AuditEntry.objects.values_list("ip_address", flat=True)) == [None]
