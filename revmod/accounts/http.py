from __future__ import annotations

from django.http import HttpRequest

from revmod.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind ``login_required`` receives: its user is signed in, never anonymous.

    Only for annotations (as healthchecks does); Django still passes a plain HttpRequest.
    """

    user: User
