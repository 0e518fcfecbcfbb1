"""Two-factor sign-in with django-otp: an authenticator app (TOTP) and one-time recovery codes."""

from __future__ import annotations

import base64
import secrets

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from revmod.audit.enums import AuditAction
from revmod.audit.services import record

RECOVERY_CODES = 10


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_text(device: TOTPDevice) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


@transaction.atomic
def confirm_device(device: TOTPDevice, *, token: str) -> list[str] | None:
    """Confirm the app with its first code; return fresh recovery codes, or None if the code is wrong."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    static, _created = StaticDevice.objects.get_or_create(
        user=device.user, name="Recovery codes", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    record(AuditAction.TWO_FACTOR_ENROLLED, actor=device.user, target=device.user)
    return codes


def matching_device(user, token: str):
    """The confirmed device that accepts ``token`` (a recovery code is used up)."""
    token = token.replace(" ", "").lower()
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            if isinstance(device, StaticDevice):
                record(AuditAction.RECOVERY_CODE_USED, actor=user, target=user)
            return device
    record(AuditAction.TWO_FACTOR_FAILED, actor=user, target=user)
    return None
