"""The accounts' panel of the dashboard: for the secretariat, the profiles waiting for approval."""

from __future__ import annotations

from django.http import HttpRequest

from revmod.accounts import permissions
from revmod.accounts.enums import AccountStatus, GlobalRole
from revmod.accounts.models import User
from revmod.core.dashboard import Panel, register


@register(order=5)
def approvals_panel(request: HttpRequest) -> Panel | None:
    if not permissions.can_manage_people(request.user):
        return None
    waiting = (
        User.objects.filter(status=AccountStatus.PENDING_APPROVAL).exclude(global_role=GlobalRole.STAKEHOLDER).count()
    )
    return Panel("accounts/dashboard/_approvals.html", {"waiting": waiting})
