"""The zone a person reads meeting times in: theirs, else their State's, else UTC; and choosing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from revmod.accounts.time_zones import zone_choices, zone_of
from tests.factories import SecretariatFactory, UserFactory
from tests.factories.accounts import state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("iso3", "chosen", "expected"),
    [
        ("PER", "", "America/Lima"),
        ("FRA", "", "Europe/Paris"),
        ("NPL", "", "Asia/Kathmandu"),
        ("USA", "", "America/New_York"),
        ("AUS", "", "Australia/Sydney"),
        ("FRA", "Asia/Kathmandu", "Asia/Kathmandu"),
        ("FRA", "Mars/Olympus_Mons", "Europe/Paris"),
    ],
)
def test_the_zone_is_the_person_choice_else_their_state(iso3, chosen, expected):
    person = UserFactory(state=state(iso3), time_zone=chosen)

    assert zone_of(person).key == expected


def test_the_secretariat_without_a_zone_reads_utc():
    assert zone_of(SecretariatFactory()).key == "UTC"


def test_the_choices_are_real_zones_sorted():
    names = [name for name, _label in zone_choices()]

    assert names == sorted(names)
    assert {"America/Lima", "Europe/Paris", "Asia/Kathmandu", "Australia/Sydney", "UTC"} <= set(names)


def test_a_person_chooses_their_zone_on_their_profile(client):
    person = UserFactory(state=state("FRA"))
    client.force_login(person)
    data = {"full_name": "Ana Ruiz", "preferred_language": "en", "time_zone": "America/Santiago"}

    page = client.get(reverse("accounts:profile"))
    response = client.post(reverse("accounts:profile"), data)

    person.refresh_from_db()
    assert page.status_code == 200
    assert "Europe/Paris" in page.content.decode()
    assert response.status_code == 302
    assert (person.full_name, person.time_zone) == ("Ana Ruiz", "America/Santiago")


def test_an_unknown_zone_is_refused_clearly_and_nothing_changes(client):
    person = UserFactory(state=state("FRA"), full_name="Ana")
    client.force_login(person)
    data = {"full_name": "Changed", "preferred_language": "en", "time_zone": "Europe/Atlantis"}

    response = client.post(reverse("accounts:profile"), data)

    person.refresh_from_db()
    assert response.status_code == 400
    assert "“Europe/Atlantis” is not a time zone we know" in response.content.decode()
    assert (person.full_name, person.time_zone) == ("Ana", "")


def test_the_profile_is_for_signed_in_people(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
