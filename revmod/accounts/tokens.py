"""Activation links: valid for ACTIVATION_DAYS, once, until the account is activated."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "revmod.accounts.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp) -> str:
        # The status changes on activation, which spends the link.
        return f"{super()._make_hash_value(user, timestamp)}{user.status}"

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token) for secret in secrets
        ):
            return False
        return (self._num_seconds(self._now()) - timestamp) <= settings.ACTIVATION_DAYS * 24 * 60 * 60


activation_tokens = ActivationTokenGenerator()
