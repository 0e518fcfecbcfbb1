"""Write to the audit trail. Every app calls ``record``; nothing else writes entries."""

from __future__ import annotations

from revmod.audit.context import current_request
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.core.addresses import client_address


def record(
    action: AuditAction,
    *,
    actor=None,
    target=None,
    review_id: int | None = None,
    data: dict | None = None,
    request=None,
) -> AuditEntry:
    request = request if request is not None else current_request.get()
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_email=actor.email if actor else (data or {}).get("email", ""),
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        review_id=review_id,
        data=data or {},
        ip_address=client_address(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
    )
