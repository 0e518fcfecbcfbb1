from __future__ import annotations

import datetime as dt

from django.utils import timezone

from revmod.accounts.enums import AccountStatus
from stakeholders.enums import OrganisationKind
from stakeholders.models import ConstructiveDialogue, StakeholderProfile
from tests.factories.accounts import StakeholderFactory, state


def profile(user, *, organisation: str = "Friends of Justice", kind: str = OrganisationKind.NGO, country: str = "CHE"):
    return StakeholderProfile.objects.create(
        user=user, organisation=organisation, kind=kind, country=state(country), area_of_work="Victims of trafficking"
    )


def stakeholder(*, organisation: str = "Friends of Justice", waiting: bool = False, **fields):
    """An approved stakeholder with a profile; ``waiting``: verified, awaiting the secretariat's approval."""
    if waiting:
        fields |= {"status": AccountStatus.PENDING_APPROVAL, "is_active": False}
    user = StakeholderFactory(**fields)
    profile(user, organisation=organisation)
    return user


def dialogue(*, by, title: str = "Dialogue after the 2026 session", held_in_days: int = 30, closes_in_days: int = 20):
    now = timezone.now()
    return ConstructiveDialogue.objects.create(
        title=title,
        held_at=now + dt.timedelta(days=held_in_days),
        application_deadline=now + dt.timedelta(days=closes_in_days),
        place="Vienna International Centre",
        online_link="https://meet.example.org/dialogue",
        created_by=by,
    )
