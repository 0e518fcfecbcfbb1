"""The notifications' panel of the dashboard: unread mentions, which ask something of the person."""

from __future__ import annotations

from django.http import HttpRequest

from revmod.core.dashboard import Panel, register
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification


@register(order=1)
def mentions_panel(request: HttpRequest) -> Panel | None:
    unread = Notification.objects.filter(
        user_id=request.user.pk or 0, kind=NotificationKind.MENTIONED, read_at__isnull=True
    ).count()
    return Panel("notifications/dashboard/_mentions.html", {"unread": unread}) if unread else None
