"""Writes on accounts: invitations, activation and approval by the secretariat."""

from __future__ import annotations

import time

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from revmod.accounts.enums import AccountStatus, NominatedRole
from revmod.accounts.models import UserSession
from revmod.accounts.time_zones import is_valid_zone
from revmod.accounts.tokens import activation_tokens
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.addresses import client_address
from revmod.core.realtime import publish_session_ended


class AccountError(Exception):
    """A request on an account that the rules refuse; the message is for the person who made it."""


def send_in_language(user, *, subject_template: str, body_template: str, context: dict) -> None:
    """Send an e-mail to ``user`` written in their preferred language."""
    with translation.override(user.preferred_language):
        context = {"user": user, "site_url": settings.SITE_URL} | context
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def activation_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    with translation.override(user.preferred_language):
        path = reverse("accounts:activate", kwargs={"uidb64": uid, "token": activation_tokens.make_token(user)})
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def invite_person(
    *,
    email: str,
    full_name: str,
    state=None,
    nominated_role: NominatedRole = NominatedRole.NONE,
    preferred_language: str = "en",
    by=None,
):
    """Register a person nominated by their State and e-mail them an activation link."""
    users = get_user_model().objects
    if users.filter(email__iexact=email).exists():
        raise AccountError(translation.gettext("An account with this e-mail address exists already."))
    user = users.create_user(
        email,
        None,
        full_name=full_name,
        state=state,
        nominated_role=nominated_role,
        preferred_language=preferred_language,
        status=AccountStatus.INVITED,
        is_active=False,
    )
    record(AuditAction.ACCOUNT_INVITED, actor=by, target=user, data={"email": user.email})
    transaction.on_commit(lambda: send_invitation(user, by=by))
    return user


def send_invitation(user, *, by=None) -> None:
    if user.status != AccountStatus.INVITED:
        raise AccountError(translation.gettext("This person has already activated the account."))
    send_in_language(
        user,
        subject_template="accounts/email/invitation_subject.txt",
        body_template="accounts/email/invitation.txt",
        context={"url": activation_url(user), "days": settings.ACTIVATION_DAYS, "inviter": by},
    )


@transaction.atomic
def activate_account(user, *, full_name: str, preferred_language: str, password: str, time_zone: str = ""):
    """The invited person completes the profile; the secretariat approves it next."""
    if user.status != AccountStatus.INVITED:
        raise AccountError(translation.gettext("This account has already been activated."))
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.time_zone = _checked_zone(time_zone)
    user.set_password(password)
    user.status = AccountStatus.PENDING_APPROVAL
    user.save(update_fields=["full_name", "preferred_language", "time_zone", "password", "status"])
    return user


def _checked_zone(time_zone: str) -> str:
    if time_zone and not is_valid_zone(time_zone):
        raise AccountError(translation.gettext("This is not a time zone we know."))
    return time_zone


def update_profile(user, *, full_name: str, preferred_language: str, time_zone: str):
    """A signed-in person's own name, language and time zone (empty: their State's zone, or UTC)."""
    full_name = (full_name or "").strip()
    if not full_name:
        raise AccountError(translation.gettext("Give your full name."))
    if preferred_language not in dict(settings.LANGUAGES):
        raise AccountError(translation.gettext("Choose a language."))
    user.full_name = full_name
    user.preferred_language = preferred_language
    user.time_zone = _checked_zone(time_zone)
    user.save(update_fields=["full_name", "preferred_language", "time_zone"])
    return user


@transaction.atomic
def approve_account(user, *, by):
    """Let a person who completed the profile sign in, and tell them so."""
    if user.status != AccountStatus.PENDING_APPROVAL:
        raise AccountError(translation.gettext("Only a completed profile can be approved."))
    user.status = AccountStatus.ACTIVE
    user.is_active = True
    user.save(update_fields=["status", "is_active"])
    record(AuditAction.ACCOUNT_APPROVED, actor=by, target=user)
    transaction.on_commit(
        lambda: send_in_language(
            user,
            subject_template="accounts/email/approved_subject.txt",
            body_template="accounts/email/approved.txt",
            context={"url": f"{settings.SITE_URL}{_login_path(user)}"},
        )
    )
    return user


def _login_path(user) -> str:
    with translation.override(user.preferred_language):
        return reverse("accounts:login")


# --- Paused sign-ins -------------------------------------------------------------------------


def unlock_sign_in(attempt: AccessAttempt, *, by) -> None:
    """Let the account of ``attempt`` be tried again from its address."""
    reset(username=attempt.username or None, ip=attempt.ip_address or None)
    record(AuditAction.SIGN_IN_UNLOCKED, actor=by, data={"email": attempt.username, "ip": attempt.ip_address})


def unlock_address(address: str, *, by) -> int:
    """Let every account be tried again from ``address``; returns how many counts were cleared."""
    cleared = reset(ip=address)
    record(AuditAction.SIGN_IN_UNLOCKED, actor=by, data={"ip": address})
    return cleared


# --- Sessions -------------------------------------------------------------------------------

LAST_SEEN_EVERY = 300  # seconds: how stale "last seen" may get before it is written again


def start_session(request) -> None:
    """Remember the browser that just signed in (after the session key has rotated)."""
    request.session["seen_at"] = time.time()
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": request.user,
            "ip_address": client_address(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "last_seen": timezone.now(),
        },
    )


def end_sessions(user, *, keys: list[str], by) -> int:
    """Sign ``user`` out of the given browser sessions at once, open sockets included."""
    owned = list(UserSession.objects.filter(user=user, session_key__in=keys).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=owned).delete()
    UserSession.objects.filter(session_key__in=owned).delete()
    publish_session_ended(owned)
    if owned:
        record(AuditAction.SESSIONS_ENDED, actor=by, target=user, data={"count": len(owned)})
    return len(owned)


def active_sessions(user):
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=user, session_key__in=alive)
