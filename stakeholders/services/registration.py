"""Stakeholders register themselves, verify their address, and the secretariat approves or refuses them.

The e-mails, the activation tokens and the approval are the accounts' own: a verification link
is an activation link, spent when the status moves on.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from revmod.accounts.enums import AccountStatus, GlobalRole
from revmod.accounts.services import approve_account, send_in_language
from revmod.accounts.tokens import activation_tokens
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from stakeholders.models import StakeholderProfile
from stakeholders.services.errors import StakeholderError


def verification_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    with translation.override(user.preferred_language):
        path = reverse("stakeholders:verify", kwargs={"uidb64": uid, "token": activation_tokens.make_token(user)})
    return f"{settings.SITE_URL}{path}"


def _sign_in_url(user) -> str:
    with translation.override(user.preferred_language):
        return f"{settings.SITE_URL}{reverse('accounts:login')}"


def send_verification(user) -> None:
    send_in_language(
        user,
        subject_template="stakeholders/email/verify_subject.txt",
        body_template="stakeholders/email/verify.txt",
        context={"url": verification_url(user), "days": settings.ACTIVATION_DAYS},
    )


@transaction.atomic
def register_stakeholder(
    *,
    email: str,
    full_name: str,
    password: str,
    preferred_language: str,
    organisation: str,
    kind: str,
    country,
    area_of_work: str,
) -> None:
    """Register a stakeholder and e-mail them a link to verify their address.

    Returns nothing, whatever happened, so that the page cannot tell whether the address has an
    account: when it has, its holder gets an e-mail saying so (and a new link when they never
    verified), and nothing changes.
    """
    users = get_user_model().objects
    existing = users.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # as long as a new account takes, so the time tells nothing either
        if existing.is_stakeholder and existing.status == AccountStatus.UNVERIFIED:
            transaction.on_commit(lambda: send_verification(existing))
        else:
            transaction.on_commit(lambda: _send_already_registered(existing))
        return
    user = users.create_user(
        email,
        password,
        full_name=full_name,
        preferred_language=preferred_language,
        global_role=GlobalRole.STAKEHOLDER,
        state=None,
        status=AccountStatus.UNVERIFIED,
        is_active=False,
    )
    profile = StakeholderProfile.objects.create(
        user=user, organisation=organisation, kind=kind, country=country, area_of_work=area_of_work
    )
    record(
        AuditAction.STAKEHOLDER_REGISTERED,
        target=user,
        data={"email": user.email, "organisation": profile.organisation, "kind": profile.kind},
    )
    transaction.on_commit(lambda: send_verification(user))


def _send_already_registered(user) -> None:
    send_in_language(
        user,
        subject_template="stakeholders/email/already_registered_subject.txt",
        body_template="stakeholders/email/already_registered.txt",
        context={"url": _sign_in_url(user)},
    )


@transaction.atomic
def verify_email(user):
    """The address is the registrant's: the secretariat may now approve them."""
    if not user.is_stakeholder or user.status != AccountStatus.UNVERIFIED:
        raise StakeholderError(translation.gettext("This address has already been verified."))
    user.status = AccountStatus.PENDING_APPROVAL
    user.save(update_fields=["status"])
    record(AuditAction.STAKEHOLDER_VERIFIED, actor=None, target=user, data={"email": user.email})
    return user


def _waiting_profile(user) -> StakeholderProfile | None:
    """The profile of a stakeholder awaiting approval (None for one made without it, in the admin)."""
    if not user.is_stakeholder or user.status != AccountStatus.PENDING_APPROVAL:
        raise StakeholderError(translation.gettext("Only a stakeholder awaiting approval can be approved or refused."))
    return StakeholderProfile.objects.select_for_update().filter(user=user).first()


@transaction.atomic
def approve_stakeholder(user, *, by):
    """Let the stakeholder sign in (the accounts' approval, with its e-mail) and note who approved."""
    profile = _waiting_profile(user)
    approve_account(user, by=by)
    if profile is not None:
        profile.approved_by = by
        profile.approved_at = timezone.now()
        profile.save(update_fields=["approved_by", "approved_at"])
    return user


@transaction.atomic
def refuse_stakeholder(user, *, by):
    """Close the registration: the account stays, suspended, and its holder is told."""
    profile = _waiting_profile(user)
    user.status = AccountStatus.SUSPENDED
    user.is_active = False
    user.save(update_fields=["status", "is_active"])
    if profile is not None:
        profile.refused_at = timezone.now()
        profile.save(update_fields=["refused_at"])
    organisation = profile.organisation if profile is not None else ""
    record(AuditAction.STAKEHOLDER_REFUSED, actor=by, target=user, data={"organisation": organisation})
    transaction.on_commit(
        lambda: send_in_language(
            user,
            subject_template="stakeholders/email/refused_subject.txt",
            body_template="stakeholders/email/refused.txt",
            context={},
        )
    )
    return user
