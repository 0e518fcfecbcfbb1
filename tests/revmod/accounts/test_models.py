from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from revmod import settings as production_settings
from revmod.accounts.enums import GlobalRole
from tests.factories import state

pytestmark = pytest.mark.django_db


def test_create_user_stores_the_email_in_lower_case():
    user = get_user_model().objects.create_user("Nadia@Example.ORG", "a long enough password", full_name="Nadia")

    assert user.email == "nadia@example.org"
    assert user.check_password("a long enough password")


def test_passwords_are_hashed_with_argon2_in_production():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_secretariat_cannot_represent_a_state():
    with pytest.raises(IntegrityError):
        get_user_model().objects.create_user(
            "sec@example.org", "pw-pw-pw-pw-pw", full_name="S", global_role=GlobalRole.SECRETARIAT, state=state("FRA")
        )
