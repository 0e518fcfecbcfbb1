"""How django-axes names the account an attempt was made on."""

from __future__ import annotations


def username_of(request, credentials: dict | None) -> str | None:
    """The e-mail address tried, lower-cased so that 'Ana@' and 'ana@' count as one account."""
    value = (credentials or {}).get("username") or (request.POST.get("username") if request is not None else None)
    return value.strip().lower()[:254] if value else None
