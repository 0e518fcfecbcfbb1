"""A version stamp per questionnaire, changed after every committed edit of its texts.

The authoring editor caches its sections by it, and the questionnaire page of a review checks
its cached question fragments against it: a translation saved on a published questionnaire
shows on the next view. The stamp lives in the cache only; a lost one is replaced, never reused.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from reviews.models import Questionnaire

SECONDS = 7 * 24 * 60 * 60


def version_key(questionnaire: Questionnaire) -> str:
    """The cache key of the stamp, for readers that fetch it with other keys in one round trip."""
    return f"authoring-version:{questionnaire.pk}"


def version_of(questionnaire: Questionnaire) -> str:
    """The current stamp; a lost one (evicted, or never set) is replaced, never reused."""
    key = version_key(questionnaire)
    cache.add(key, uuid.uuid4().hex, SECONDS)
    return cache.get(key) or uuid.uuid4().hex


def mark_changed(questionnaire: Questionnaire) -> None:
    """Call inside the writing transaction: the new stamp is set once it commits."""
    key = version_key(questionnaire)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, SECONDS))
