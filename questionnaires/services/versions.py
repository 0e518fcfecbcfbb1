"""A version stamp per questionnaire, changed after every committed edit: the editor caches by it."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from reviews.models import Questionnaire

SECONDS = 7 * 24 * 60 * 60


def _key(questionnaire: Questionnaire) -> str:
    return f"authoring-version:{questionnaire.pk}"


def version_of(questionnaire: Questionnaire) -> str:
    """The current stamp; a lost one (evicted, or never set) is replaced, never reused."""
    key = _key(questionnaire)
    cache.add(key, uuid.uuid4().hex, SECONDS)
    return cache.get(key) or uuid.uuid4().hex


def mark_changed(questionnaire: Questionnaire) -> None:
    """Call inside the writing transaction: the new stamp is set once it commits."""
    key = _key(questionnaire)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, SECONDS))
