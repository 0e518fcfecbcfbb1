"""Checks every consumer makes on connection, as strict as the pages' middleware."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from revmod.accounts.middleware import needs_two_factor


@database_sync_to_async
def is_verified_user(scope) -> bool:
    """A signed-in user who, where required, completed two-factor sign-in in this session."""
    user = scope.get("user")
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not needs_two_factor(user):
        return True
    persistent_id = scope.get("session", {}).get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    return device is not None and device.user_id == user.pk and device.confirmed
