from __future__ import annotations

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from revmod.accounts.enums import AccountStatus, GlobalRole


def people_in_registration() -> QuerySet:
    """People invited or waiting for approval, oldest first.

    Not the non-governmental stakeholders, who register themselves: the secretariat approves
    them with their organisation in view, on the stakeholders' own page.
    """
    return (
        get_user_model()
        .objects.filter(status__in=[AccountStatus.INVITED, AccountStatus.PENDING_APPROVAL])
        .exclude(global_role=GlobalRole.STAKEHOLDER)
        .select_related("state")
        .order_by("status", "date_joined")
    )


def _cool_off_start() -> dt.datetime:
    return timezone.now() - settings.AXES_COOLOFF_TIME


def sign_in_failures_from(address: str, *, since: dt.datetime) -> int:
    """Failed sign-ins from ``address`` on any accounts since ``since``."""
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def paused_sign_ins() -> QuerySet:
    """Accounts paused for one address by too many failures, latest first."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=_cool_off_start()
    ).order_by("-attempt_time")


def paused_addresses() -> QuerySet:
    """Addresses paused on every account by too many failures on any, latest first.

    Rows of ``ip_address``, ``failures`` (on all accounts), ``accounts`` (how many were tried)
    and ``last_attempt``.
    """
    return (
        AccessAttempt.objects.filter(ip_address__isnull=False, attempt_time__gte=_cool_off_start())
        .values("ip_address")
        .annotate(
            failures=Sum("failures_since_start"),
            accounts=Count("username", distinct=True),
            last_attempt=Max("attempt_time"),
        )
        .filter(failures__gte=settings.AXES_ADDRESS_FAILURE_LIMIT)
        .order_by("-last_attempt")
    )
