"""The version stamp of a questionnaire: kept by the reviews app, whose questionnaire page also caches by it."""

from __future__ import annotations

from reviews.questionnaire_versions import mark_changed, version_of

__all__ = ["mark_changed", "version_of"]
