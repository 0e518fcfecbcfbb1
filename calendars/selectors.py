"""Reads of the calendars app."""

from __future__ import annotations

from django.http import Http404

from calendars.models import CalendarFeed
from calendars.tokens import hash_token
from revmod.accounts.enums import AccountStatus


def feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def get_feed_by_token(token: str) -> CalendarFeed:
    """The feed whose secret is ``token``, or 404; also 404 when its owner may no longer sign in.

    The lookup compares a hash (an index seek), never the secret itself, so its time tells
    nothing about how close a guess was.
    """
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=hash_token(token)).first()
    if feed is None or not feed.user.is_active or feed.user.status != AccountStatus.ACTIVE:
        raise Http404
    return feed
