from __future__ import annotations

from django.db.models import QuerySet

from revmod.audit.models import AuditEntry


def audit_trail(filters: dict) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("actor")
    if filters.get("review"):
        entries = entries.filter(review_id=filters["review"])
    if filters.get("person"):
        entries = entries.filter(actor_email__icontains=filters["person"])
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("since"):
        entries = entries.filter(created_at__date__gte=filters["since"])
    if filters.get("until"):
        entries = entries.filter(created_at__date__lte=filters["until"])
    return entries
