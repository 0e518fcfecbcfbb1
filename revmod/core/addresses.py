"""The address a request came from, as the trusted proxies in front of the workers saw it.

Each proxy appends the address it received the request from to ``X-Forwarded-For``, and the
last one is the worker's ``REMOTE_ADDR``. Read right to left, the chain ``X-Forwarded-For``
entries + ``REMOTE_ADDR`` therefore starts with ``PROXY_COUNT`` hops that trusted proxies
wrote; the hop just left of them is the client. Everything further left is whatever the
client chose to send and is never used. Every part of the product that needs the client's
address (sign-in throttling, API throttling, the audit trail, the list of sessions) asks here.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address in canonical form, or None when the trusted hop is not an address."""
    if request is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.PROXY_COUNT > 0 else ""
    # REMOTE_ADDR is absent when the proxy speaks over a Unix socket; it is still one hop.
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()] + [request.META.get("REMOTE_ADDR") or ""]
    # Fewer hops than proxies: the left-most hop is then a proxy's own entry, not the client's.
    return canonical_address(hops[-min(settings.PROXY_COUNT + 1, len(hops))])


def canonical_address(value: str) -> str | None:
    """``value`` as ``ipaddress`` writes it, or None when it is not a plain IPv4 or IPv6 address."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:  # "fe80::1%eth0" means nothing beyond the proxy's own network
            return None
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
    return str(address)
