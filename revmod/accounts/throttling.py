"""How django-axes counts failed sign-ins: the account tried, and the client's own address."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings

from revmod.accounts import selectors


def username_of(request, credentials: dict | None) -> str | None:
    """The e-mail address tried, lower-cased so that 'Ana@' and 'ana@' count as one account."""
    value = (credentials or {}).get("username") or (request.POST.get("username") if request is not None else None)
    return value.strip().lower()[:254] if value else None


class SignInAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler, with a second, higher limit for one address on many accounts.

    ``AXES_LOCKOUT_PARAMETERS`` pauses one account tried from one address, so a guesser pauses
    only their own attempts. Trying a few passwords on every account (spraying) is stopped by
    pausing the address itself once its failures on all accounts reach
    ``AXES_ADDRESS_FAILURE_LIMIT``. The address is the client's own (``revmod.core.addresses``),
    never the proxy's, so this pauses one client and not everyone behind the proxy.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        address = request.axes_ip_address
        if address is None:
            return failures
        since = get_cool_off_threshold(request)
        if selectors.sign_in_failures_from(address, since=since) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # Axes has one limit; a paused address counts as having reached it on every account.
            return max(failures, get_failure_limit(request, credentials))
        return failures
