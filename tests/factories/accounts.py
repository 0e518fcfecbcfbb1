from __future__ import annotations

import factory

from revmod.accounts.enums import GlobalRole
from revmod.accounts.models import User
from revmod.states.models import MemberState

PASSWORD = "correct horse battery staple"


def state(iso3: str) -> MemberState:
    """The States are loaded by a migration; tests pick them by code."""
    return MemberState.objects.get(iso3=iso3)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    state = factory.LazyFunction(lambda: state("FRA"))
    password = factory.django.Password(PASSWORD)


class SecretariatFactory(UserFactory):
    state = None
    global_role = GlobalRole.SECRETARIAT


class StakeholderFactory(UserFactory):
    """A non-governmental stakeholder: represents no State, takes part in no review."""

    state = None
    global_role = GlobalRole.STAKEHOLDER


class TrainerFactory(UserFactory):
    state = None
    global_role = GlobalRole.TRAINER
