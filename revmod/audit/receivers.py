"""Sign-ins and sign-outs reach the trail through Django's authentication signals."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    record(AuditAction.SIGNED_IN, actor=user, target=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_signed_out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(AuditAction.SIGNED_OUT, actor=user, target=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # The address tried is kept, never the password.
    record(AuditAction.SIGN_IN_FAILED, data={"email": str(credentials.get("username", ""))[:254]}, request=request)
