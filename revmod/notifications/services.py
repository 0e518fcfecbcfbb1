"""Notifications: in the product at once, by e-mail at once, in a daily digest, or not at all."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import translate_url
from django.utils import timezone, translation

from revmod.core.queue import enqueue
from revmod.notifications.enums import Delivery, NotificationKind
from revmod.notifications.events import publish_unread_count
from revmod.notifications.models import Notification, Preference


def deliveries(users, kind: NotificationKind) -> dict[int, str]:
    chosen = dict(Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery"))
    return {user.pk: chosen.get(user.pk, Delivery.IMMEDIATELY) for user in users}


@transaction.atomic
def notify(
    users,
    kind: NotificationKind,
    *,
    url: str = "",
    review_id: int | None = None,
    data: dict | None = None,
    key: str = "",
) -> list[Notification]:
    """Tell each of ``users`` (once per ``key`` when given); e-mails follow the commit."""

    users = [user for user in {user.pk: user for user in users}.values() if user.is_active]
    if not users:
        return []
    if key:
        already = set(Notification.objects.filter(user__in=users, key=key).values_list("user_id", flat=True))
        users = [user for user in users if user.pk not in already]
    new = [Notification(user=user, kind=kind, url=url, review_id=review_id, data=data or {}, key=key) for user in users]
    created = create_once(new) if key else Notification.objects.bulk_create(new)
    plan = deliveries(users, kind)
    for notification in created:
        if plan[notification.user_id] == Delivery.IMMEDIATELY:
            enqueue("notifications.send_email", notification_id=notification.pk)
        publish_unread_count(notification.user_id)
    return created


def create_once(notifications: list[Notification]) -> list[Notification]:
    """Store keyed notifications, leaving out each one that another run stored meanwhile.

    Two runs of a scheduled job (a second beat started by mistake, a task delivered twice) may
    both find nobody told yet; the unique (user, key) lets only one store each notification.
    Each insert has its own savepoint, so the one that loses skips that person and goes on,
    instead of failing the whole run and leaving the people after them untold.
    """
    created = []
    for notification in notifications:
        try:
            with transaction.atomic():
                notification.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(notification)
    return created


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, *, notification_id: int | None = None) -> int:
    notifications = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    count = notifications.update(read_at=timezone.now())
    publish_unread_count(user.pk)
    return count


@transaction.atomic
def set_preferences(user, choices: dict[str, str]) -> None:
    for kind, delivery in choices.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


STRANDED_AFTER = timedelta(minutes=2)  # an e-mail queued at once is sent well within this
STRANDED_FOR_AT_MOST = timedelta(days=1)  # older than this, a late e-mail would only confuse


def stranded_emails(now) -> list[int]:
    """Notifications to e-mail at once that were never e-mailed: their task was never queued."""
    not_immediate = Preference.objects.filter(user_id=OuterRef("user_id"), kind=OuterRef("kind")).exclude(
        delivery=Delivery.IMMEDIATELY
    )
    return list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__lt=now - STRANDED_AFTER,
            created_at__gte=now - STRANDED_FOR_AT_MOST,
            user__is_active=True,
        )
        .exclude(Exists(not_immediate))
        .values_list("pk", flat=True)
    )


def claim_for_email(notification_ids: list[int]) -> list[Notification]:
    """Mark notifications as e-mailed and return those that were not yet: sending twice is impossible."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .select_related("user")
        )
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return pending


def digest_candidates() -> dict[int, list[int]]:
    """Unsent notifications of people who chose the daily digest, by person."""
    digest_users = Preference.objects.filter(delivery=Delivery.DIGEST).values("user_id", "kind")
    condition = Q(pk__in=[])
    for row in digest_users:
        condition |= Q(user_id=row["user_id"], kind=row["kind"])
    pending = Notification.objects.filter(condition, emailed_at__isnull=True).values_list("user_id", "pk")
    grouped: dict[int, list[int]] = {}
    for user_id, pk in pending:
        grouped.setdefault(user_id, []).append(pk)
    return grouped


def localized(url: str, language: str) -> str:
    """A stored path (always English, see reviews.notifications.english_url) in the reader's language."""
    if not url.startswith("/"):
        return url
    with translation.override("en"):  # translate_url resolves the path in the active language
        return translate_url(url, language)


def absolute(url: str, language: str) -> str:
    return f"{settings.SITE_URL}{localized(url, language)}" if url.startswith("/") else url
