"""Reading a review in a translation: this app's provider for reviews.text_overlays.

Readers see a translation once it was done; one whose source changed since it was done is
shown marked outdated. A draft (requested, in progress, or saved against an older source and
never confirmed) is the translator's work and is not shown to readers.
"""

from __future__ import annotations

import hashlib
from typing import cast

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from reviews.models import CountryReview
from reviews.text_overlays import DONE, ORIGINAL, OUTDATED, OverlayText
from translations.enums import TranslationStatus
from translations.models import ReadingChoice, Translation
from translations.units import source_text, text_hash


def _readable(review: CountryReview) -> QuerySet[Translation]:
    return (
        Translation.objects.filter(
            review=review, status__in=(TranslationStatus.DONE, TranslationStatus.OUTDATED), done_at__isnull=False
        )
        .exclude(text="")
        .order_by()
    )


class TranslationOverlays:
    """The provider reviews.text_overlays calls: one query per method."""

    def languages(self, review: CountryReview) -> dict[str, str]:
        """Each language with readable texts, and a token of its texts' state.

        Saving a text bumps its version and time, confirming it sets its done time, an outdated
        source changes the count of outdated ones, a removed request the count: each moves the token.
        """
        rows = (
            _readable(review)
            .values("language")
            .annotate(
                units=Count("pk"),
                outdated=Count("pk", filter=Q(status=TranslationStatus.OUTDATED)),
                versions=Sum("version"),
                saved=Max("updated_at"),
                done=Max("done_at"),
            )
            .values_list("language", "units", "outdated", "versions", "saved", "done")
        )
        return {row[0]: hashlib.sha256(repr(row[1:]).encode()).hexdigest()[:16] for row in rows}

    def choice(self, user, review: CountryReview) -> str:
        chosen = ReadingChoice.objects.filter(user=user, review=review).values_list("language", flat=True).first()
        return chosen or ORIGINAL

    def choose(self, user, review: CountryReview, language: str) -> None:
        choose_reading(user, review, language=language)

    def overlay(self, review: CountryReview, language: str) -> dict[str, OverlayText]:
        """Unit key → text and status; outdated as soon as the source no longer matches, before the hook has run."""
        translations = (
            _readable(review).filter(language=language).select_related("answer", "feedback", "observation", "summary")
        )
        found = {}
        for translation in translations:
            current = text_hash(source_text(translation))
            stale = translation.status == TranslationStatus.OUTDATED or current != translation.source_hash
            found[translation.unit_key] = OverlayText(translation.text, OUTDATED if stale else DONE)
        return found

    def published_translations(self, summaries) -> dict[int, dict[str, str]]:
        """Only confirmed translations of the text as it stands: an outdated one is never published."""
        translations = Translation.objects.filter(
            summary__in=summaries, part="text", status=TranslationStatus.DONE, done_at__isnull=False
        ).exclude(text="")
        texts = {summary.pk: summary.text for summary in summaries}
        found: dict[int, dict[str, str]] = {}
        for translation in translations.only("summary_id", "language", "text", "source_hash"):
            summary_id = cast(int, translation.summary_id)  # filtered on its summary above
            if text_hash(texts[summary_id]) == translation.source_hash:
                found.setdefault(summary_id, {})[translation.language] = translation.text
        return found


def choose_reading(user, review: CountryReview, *, language: str) -> ReadingChoice:
    """Remember the language the user reads the review in ("" for the original); the caller checked they may."""
    choice, _created = ReadingChoice.objects.update_or_create(
        user=user, review=review, defaults={"language": language, "chosen_at": timezone.now()}
    )
    return choice
