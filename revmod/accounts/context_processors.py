from __future__ import annotations

from revmod.accounts.middleware import needs_two_factor


def second_factor(request) -> dict:
    """Whether the person signed in with a password still owes their second factor.

    Until then every page but the two-factor ones redirects there, so the header offers
    only what they can use (the language and signing out) and opens no live connection.
    """
    user = getattr(request, "user", None)
    if user is None or not needs_two_factor(user):
        return {"second_factor_pending": False}
    verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return {"second_factor_pending": not (verified and verified())}
