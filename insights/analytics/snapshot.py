"""The analytics page's figures, counted once and kept as rendered HTML until the data changes.

Counting every figure over 768 reviews and 200,000 answers takes a few hundred milliseconds;
the secretariat reads the page far more often than the steps change. The rendered figures are
kept in the cache under a stamp that every committed change of a review's step, deadline,
observations, assistance needs or questionnaires replaces (insights.receivers), so those show
on the next view. Answers are saved every few seconds while a State drafts: they do not replace
the stamp (the page would never be kept), and neither do bulk writes that skip signals; the
kept page is counted afresh at the latest FRESH_SECONDS after it was counted, and says when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

VERSION_KEY = "insights:analytics:version"
VERSION_SECONDS = 7 * 24 * 60 * 60
FRESH_SECONDS = 5 * 60


@dataclass(frozen=True)
class Snapshot:
    html: str
    counted_at: dt.datetime


def data_version() -> str:
    """The current stamp; a lost one (evicted, or never set) is replaced, never reused."""
    cache.add(VERSION_KEY, uuid.uuid4().hex, VERSION_SECONDS)
    return cache.get(VERSION_KEY) or uuid.uuid4().hex


def mark_changed() -> None:
    """Call inside the writing transaction: the new stamp is set once it commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, VERSION_SECONDS))


def snapshot_key(*, language: str, query: str, version: str) -> str:
    digest = hashlib.sha256(f"{language}\n{query}\n{version}".encode()).hexdigest()
    return f"insights:analytics:page:{digest}"


def kept_or_counted(*, language: str, query: str, count) -> Snapshot:
    """The figures' HTML kept for this language and these filters, or ``count()``'s, kept from now on."""
    key = snapshot_key(language=language, query=query, version=data_version())
    kept = cache.get(key)
    if isinstance(kept, Snapshot):
        return kept
    snapshot = Snapshot(html=count(), counted_at=timezone.now())
    cache.set(key, snapshot, FRESH_SECONDS)
    return snapshot
