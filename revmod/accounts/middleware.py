"""Nobody who must use two-factor sign-in reaches a page before completing it."""

from __future__ import annotations

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import urlencode

from revmod.accounts.models import UserSession
from revmod.accounts.services import LAST_SEEN_EVERY

# Pages reachable between the password and the second factor.
OPEN_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:two_factor_codes",
    "set_language",
    "healthz",
    "favicon",
}


def needs_two_factor(user) -> bool:
    return bool(user.is_authenticated and (settings.OTP_REQUIRED_FOR_ALL or user.is_secretariat or user.is_trainer))


class TwoFactorMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if needs_two_factor(user) and not user.is_verified() and not self.is_open(request.path_info):
            from django_otp import devices_for_user  # noqa: PLC0415 - needs the app registry

            enrolled = any(True for _ in devices_for_user(user, confirmed=True))
            target = "accounts:two_factor_verify" if enrolled else "accounts:two_factor_setup"
            response = redirect(target)
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
            return response
        return self.get_response(request)

    @staticmethod
    def is_open(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(path).view_name in OPEN_VIEWS
        except Resolver404:
            return True  # a 404 reveals nothing


SESSION_REFRESH_EVERY = 60  # seconds: how often an active session's expiry is moved forward


class SessionActivityMiddleware:
    """Keeps a signed-in session alive while it is used, and its "last seen" roughly current.

    The session expires after SESSION_COOKIE_AGE without activity. Its expiry moves forward
    when the session is saved; saving it on every request would write to the database on
    every page, so it is saved at most once per SESSION_REFRESH_EVERY (the idle limit is
    then exact to the minute).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.session.session_key:
            now, seen = time.time(), request.session.get("seen_at")
            if now - request.session.get("refreshed_at", 0) > SESSION_REFRESH_EVERY:
                request.session["refreshed_at"] = now  # saved by SessionMiddleware on the way out
            # Only sessions opened through the sign-in page are tracked (start_session sets seen_at).
            if seen is not None and now - seen > LAST_SEEN_EVERY:
                request.session["seen_at"] = now
                UserSession.objects.filter(session_key=request.session.session_key).update(last_seen=timezone.now())
        return response
