"""Who may do what on the platform itself. The one definition of "an active secretariat member"."""

from __future__ import annotations


def is_secretariat(user) -> bool:
    """A signed-in, active member of the secretariat: every app asks this function."""
    return bool(user.is_authenticated and user.is_active and user.is_secretariat)


def is_trainer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_trainer)


def can_manage_people(user) -> bool:
    """Only the secretariat registers, invites and approves people."""
    return is_secretariat(user)
