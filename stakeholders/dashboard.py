"""The stakeholders' dashboard panel: their dialogues and reviews accepting input; the queue, for the secretariat."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from revmod.core.dashboard import Panel, register
from stakeholders import permissions, selectors


@register(order=6)
def stakeholders_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    if permissions.can_manage_stakeholders(user):
        waiting = selectors.stakeholders_awaiting_approval().count()
        return Panel("stakeholders/dashboard/_secretariat.html", {"waiting": waiting}) if waiting else None
    if not permissions.is_approved_stakeholder(user):
        return None
    context = {
        "open_dialogues": list(
            selectors.dialogues_for(user).filter(application_deadline__gt=timezone.now()).order_by("held_at")[:10]
        ),
        "consultations": list(selectors.open_consultations(user)[:20]),
        "applications": list(selectors.applications_of(user)[:20]),
    }
    return Panel("stakeholders/dashboard/_stakeholder.html", context)
