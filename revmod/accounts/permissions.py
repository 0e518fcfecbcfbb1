from __future__ import annotations


def can_manage_people(user) -> bool:
    """Only the secretariat registers, invites and approves people."""
    return bool(user.is_authenticated and user.is_active and user.is_secretariat)
