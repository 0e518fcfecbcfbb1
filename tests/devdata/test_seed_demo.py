from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from revmod.accounts.enums import GlobalRole
from revmod.states.models import MemberState

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_demo_account_once():
    call_command("seed_demo", stdout=None)
    users = get_user_model().objects
    first_count = users.count()
    first_passwords = dict(users.values_list("email", "password"))

    call_command("seed_demo")

    assert first_count == 2 + 2 * MemberState.objects.count()
    assert users.count() == first_count
    assert dict(users.values_list("email", "password")) == first_passwords


def test_seed_demo_accounts_sign_in_with_the_published_password(client):
    call_command("seed_demo")

    secretariat = get_user_model().objects.get(email="secretariat@example.org")
    focal_point = get_user_model().objects.get(email="fp.egy@example.org")
    expert = get_user_model().objects.get(email="expert.bra@example.org")

    assert secretariat.global_role == GlobalRole.SECRETARIAT
    assert secretariat.state is None
    assert focal_point.state.iso3 == "EGY"
    assert (focal_point.preferred_language, expert.preferred_language) == ("ar", "pt")
    assert get_user_model().objects.get(email="trainer@example.org").global_role == GlobalRole.TRAINER
    client.post("/en/accounts/sign-in/", {"username": "fp.egy@example.org", "password": "revmod-demo-2026"})
    assert "_auth_user_id" in client.session
