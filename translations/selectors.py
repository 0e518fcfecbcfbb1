"""Reads of translations: a translator's queue, a request's editor, a review's requests, and readers' lookups."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reviews.forms import word_diff
from reviews.models import CountryReview
from translations import permissions
from translations.enums import TranslationStatus
from translations.models import Translation, TranslationRequest, TranslatorGrant
from translations.units import TITLE, source_text, text_hash

REQUEST_JOINS = (
    "review__state",
    "review__cycle",
    "questionnaire",
    "section",
    "feedback__reviewing_state",
    "observation_list__reviewing_state",
    "translator",
)
SOURCE_JOINS = ("answer__question", "feedback__reviewing_state", "observation", "summary")


def _with_counts(requests: QuerySet[TranslationRequest]) -> QuerySet[TranslationRequest]:
    return requests.select_related(*REQUEST_JOINS).annotate(
        unit_count=Count("translations"),
        done_count=Count("translations", filter=Q(translations__status=TranslationStatus.DONE)),
        outdated_count=Count("translations", filter=Q(translations__status=TranslationStatus.OUTDATED)),
    )


def queue_of(user) -> QuerySet[TranslationRequest]:
    """The requests the user translates, across reviews, the nearest due date first, with their progress."""
    return _with_counts(permissions.requests_assigned_to(user)).order_by(
        F("due_date").asc(nulls_last=True), "requested_at", "pk"
    )


def requests_of_review(user, review: CountryReview) -> QuerySet[TranslationRequest]:
    return _with_counts(permissions.requests_visible_to(user, review))


def grants_of_review(review: CountryReview) -> QuerySet[TranslatorGrant]:
    return TranslatorGrant.objects.filter(review=review, is_active=True).select_related("user")


def get_request_for_user(user, pk: int) -> TranslationRequest:
    """The request whose editor the user may open, or 404: a stranger cannot tell missing from forbidden."""
    request = permissions.requests_readable_by(user).select_related(*REQUEST_JOINS).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def get_translation_for_user(user, pk: int) -> Translation:
    translation = (
        permissions.translations_readable_by(user)
        .select_related("request__translator", "review__state", *SOURCE_JOINS)
        .filter(pk=pk)
        .first()
    )
    if translation is None:
        raise Http404
    return translation


@dataclass(frozen=True)
class EditorRow:
    """One unit in the side-by-side editor: what it is, its source now, and what changed in it since."""

    translation: Translation
    label: str
    source: str
    source_hash: str
    diff: list[tuple[str, str]] | None

    @property
    def is_outdated(self) -> bool:
        return self.diff is not None


def unit_label(translation: Translation) -> str:
    if translation.answer is not None:
        number = translation.answer.question.number
        if translation.part.startswith(TITLE):
            index = int(translation.part.removeprefix(TITLE)) + 1
            return _("Question %(number)s, title of law %(index)d") % {"number": number, "index": index}
        return _("Question %(number)s") % {"number": number}
    if translation.feedback is not None:
        return _("Written feedback of %(state)s") % {"state": translation.feedback.reviewing_state}
    if translation.observation_id is not None:
        return _("Observation %(number)d") % {"number": translation.order + 1}
    return _("Summary")


def editor_row(translation: Translation) -> EditorRow:
    current = source_text(translation)
    digest = text_hash(current)
    changed = digest != translation.source_hash and translation.status != TranslationStatus.REQUESTED
    return EditorRow(
        translation=translation,
        label=unit_label(translation),
        source=current,
        source_hash=digest,
        diff=word_diff(translation.source_text, current) if changed else None,
    )


def editor_rows(request: TranslationRequest) -> list[EditorRow]:
    """Every unit of the request with its source beside it, in reading order, in one query."""
    translations = request.translations.select_related(*SOURCE_JOINS).order_by("order", "pk")
    return [editor_row(translation) for translation in translations]


def outdated_rows_of(requests) -> dict[int, list[EditorRow]]:
    """For a queue: by request, its outdated units with the source's changes, in one query."""
    translations = (
        Translation.objects.filter(request__in=[request.pk for request in requests], status=TranslationStatus.OUTDATED)
        .select_related(*SOURCE_JOINS)
        .order_by("request", "order", "pk")
    )
    rows: dict[int, list[EditorRow]] = {}
    for translation in translations:
        rows.setdefault(translation.request_id, []).append(editor_row(translation))
    return rows


def translations_for(review: CountryReview, language: str) -> dict[str, tuple[str, str]]:
    """For the reading pages and exports: unit key → (translated text, status), for units with a text.

    The status is "outdated" as soon as the source no longer matches, even before the
    after-commit hook has run. Keys are Translation.unit_key ("answer:12:text").
    """
    translations = (
        Translation.objects.filter(review=review, language=language)
        .exclude(text="")
        .select_related("answer", "feedback", "observation", "summary")
    )
    found = {}
    for translation in translations:
        status = translation.status
        if text_hash(source_text(translation)) != translation.source_hash:
            status = TranslationStatus.OUTDATED
        found[translation.unit_key] = (translation.text, status)
    return found
