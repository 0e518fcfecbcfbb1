"""Self-registration is limited per client address, as sign-ins are (revmod.accounts.throttling).

A registration sends an e-mail: without a limit, the page would send mail to any address, in
any number, for anyone. Counted in the cache, per client address (never the proxy's), per hour.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from revmod.core.addresses import client_address

WINDOW = 60 * 60  # seconds


def _key(request) -> str:
    return f"stakeholders:registrations:{client_address(request) or 'unknown'}"


def registration_allowed(request) -> bool:
    """Count this attempt; False once the address has made the most allowed in the hour."""
    key = _key(request)
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count <= settings.STAKEHOLDER_REGISTRATIONS_PER_HOUR
