from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from revmod.accounts.enums import AccountStatus


def people_in_registration() -> QuerySet:
    """People invited or waiting for approval, oldest first."""
    return (
        get_user_model()
        .objects.filter(status__in=[AccountStatus.INVITED, AccountStatus.PENDING_APPROVAL])
        .select_related("state")
        .order_by("status", "date_joined")
    )
