"""Writes of the calendars app: a person's secret feed made, replaced, removed, and marked as read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from calendars.models import CalendarFeed
from calendars.tokens import hash_token, new_token

# How often reading a feed is written down: calendar clients poll every few minutes.
FETCH_STAMP_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class NewFeed:
    feed: CalendarFeed
    token: str  # the only moment the secret exists in clear: it is not stored


@transaction.atomic
def make_feed(user) -> NewFeed:
    """Give ``user`` a feed with a new secret token; a previous token stops working at once."""
    token = new_token()
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(token), "created_at": timezone.now(), "last_fetched_at": None}
    )
    return NewFeed(feed=feed, token=token)


def delete_feed(user) -> bool:
    deleted, _by_model = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def mark_fetched(feed: CalendarFeed, *, now=None) -> None:
    """Remember when a calendar last read the feed, at most once an hour (a poll is not worth a write)."""
    now = now or timezone.now()
    if feed.last_fetched_at is None or now - feed.last_fetched_at >= FETCH_STAMP_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
        feed.last_fetched_at = now
