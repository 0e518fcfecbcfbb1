"""Requesting translations, granting translators, writing translations, and noticing outdated ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import CountryReview, Feedback, ObservationList, Questionnaire, Section
from translations import machine, permissions
from translations.enums import ANSWER_SCOPES, TranslationScope, TranslationStatus
from translations.models import Translation, TranslationRequest, TranslationRevision, TranslatorGrant
from translations.units import source_text, text_hash, units_of_request


class TranslationError(Exception):
    """A request the translation rules refuse; the message is for the person who made it."""


class TranslationConflict(TranslationError):
    """Someone saved the translation since the version the editor started from."""

    def __init__(self, translation: Translation) -> None:
        self.translation = translation
        super().__init__(_("Someone else saved this translation while you were editing it."))


def _active_grants(review: CountryReview, language: str):
    return TranslatorGrant.objects.filter(review=review, language=language, is_active=True)


@transaction.atomic
def grant_translator(review: CountryReview, *, email: str, language: str, by) -> TranslatorGrant:
    """Let the person with this address translate the review's texts into ``language``.

    Requests into that language that nobody translates yet are given to them. The grant opens
    nothing else of the review.
    """
    if not permissions.can_manage_translators(by, review):
        raise TranslationError(_("Only the secretariat names translators."))
    person = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise TranslationError(_("No active account has the address %(email)s.") % {"email": email})
    if _active_grants(review, language).filter(user=person).exists():
        raise TranslationError(_("%(person)s already translates this review into this language.") % {"person": person})
    grant = TranslatorGrant.objects.create(review=review, user=person, language=language, granted_by=by)
    TranslationRequest.objects.filter(review=review, language=language, translator__isnull=True).update(
        translator=person
    )
    return grant


@transaction.atomic
def revoke_translator(grant: TranslatorGrant, *, by) -> TranslatorGrant:
    """End a grant: the translator no longer sees the review's requests; what they wrote stays."""
    if not permissions.can_manage_translators(by, grant.review):
        raise TranslationError(_("Only the secretariat names translators."))
    grant.is_active, grant.revoked_at = False, timezone.now()
    grant.save(update_fields=["is_active", "revoked_at"])
    return grant


def _check_target(
    review: CountryReview,
    scope: TranslationScope,
    *,
    by,
    section: Section | None,
    questionnaire: Questionnaire | None,
    feedback: Feedback | None,
    observation_list: ObservationList | None,
) -> None:
    if scope not in permissions.requestable_scopes(by, review):
        raise TranslationError(_("You cannot ask for this translation."))
    ours = set(review.questionnaires.values_list("pk", flat=True))
    if scope == TranslationScope.SECTION and (section is None or section.questionnaire_id not in ours):
        raise TranslationError(_("Choose a section of this review's questionnaire."))
    if scope == TranslationScope.QUESTIONNAIRE and (questionnaire is None or questionnaire.pk not in ours):
        raise TranslationError(_("Choose a questionnaire of this review."))
    output = feedback if scope == TranslationScope.FEEDBACK else observation_list
    if scope in (TranslationScope.FEEDBACK, TranslationScope.OBSERVATIONS):
        if output is None or output.review_id != review.pk:
            raise TranslationError(_("Choose the written feedback or list of observations of a reviewing State."))
        own = permissions.own_reviewing_state(by, review)
        if own is not None and output.reviewing_state_id != own:
            raise TranslationError(_("You may ask for translations of your own State's texts only."))


@transaction.atomic
def request_translation(
    review: CountryReview,
    *,
    scope: TranslationScope,
    languages: list[str],
    by,
    section: Section | None = None,
    questionnaire: Questionnaire | None = None,
    feedback: Feedback | None = None,
    observation_list: ObservationList | None = None,
    due_date: dt.date | None = None,
) -> list[TranslationRequest]:
    """Ask for the texts of ``scope`` in each of ``languages``: one request per language.

    Each request holds a translation to make for every text unit the scope has now, except the
    units already asked for in that language. A request goes to the translator of its language
    when the review has exactly one. Nothing is created if any part is refused.
    """
    _check_target(
        review,
        scope,
        by=by,
        section=section,
        questionnaire=questionnaire,
        feedback=feedback,
        observation_list=observation_list,
    )
    if not languages:
        raise TranslationError(_("Choose at least one language."))
    if review.working_language in languages:
        raise TranslationError(_("The texts are already in the review's working language."))
    if scope == TranslationScope.SECTION and section is not None:
        questionnaire = section.questionnaire
    requests = []
    for language in languages:
        grants = list(_active_grants(review, language).values_list("user_id", flat=True)[:2])
        request = TranslationRequest.objects.create(
            review=review,
            scope=scope,
            language=language,
            section=section if scope == TranslationScope.SECTION else None,
            questionnaire=questionnaire if scope in ANSWER_SCOPES else None,
            feedback=feedback if scope == TranslationScope.FEEDBACK else None,
            observation_list=observation_list if scope == TranslationScope.OBSERVATIONS else None,
            requested_by=by,
            due_date=due_date,
            translator_id=grants[0] if len(grants) == 1 else None,
        )
        if not _add_units(request):
            raise TranslationError(
                _("Nothing here is left to translate into %(language)s: its texts are empty or already asked for.")
                % {"language": request.get_language_display()}
            )
        requests.append(request)
    return requests


def _add_units(request: TranslationRequest) -> int:
    """Create the translations of the request's units not yet asked for in its language; how many."""
    units = units_of_request(request)
    taken = {
        (source, pk, part)
        for source in ("answer", "feedback", "observation", "summary")
        for pk, part in Translation.objects.filter(
            language=request.language,
            **{f"{source}__in": [unit.obj for unit in units if unit.source == source]},
        ).values_list(f"{source}_id", "part")
    }
    rows = [
        Translation(
            request=request,
            review_id=request.review_id,
            language=request.language,
            part=unit.part,
            order=unit.order,
            source_text=unit.text,
            source_hash=text_hash(unit.text),
            **{unit.source: unit.obj},
        )
        for unit in units
        if (unit.source, unit.obj.pk, unit.part) not in taken
    ]
    Translation.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def assign_request(request: TranslationRequest, *, translator_id: int, by) -> TranslationRequest:
    if not permissions.can_manage_translators(by, request.review):
        raise TranslationError(_("Only the secretariat names translators."))
    if not _active_grants(request.review, request.language).filter(user_id=translator_id).exists():
        raise TranslationError(_("Choose a translator of this review into this language."))
    request.translator_id = translator_id
    request.save(update_fields=["translator"])
    return request


@transaction.atomic
def save_translation(translation: Translation, *, text: str, base_version: int, seen_hash: str, user) -> Translation:
    """Save the translator's text, refusing it if someone saved another version since ``base_version``.

    ``seen_hash`` is the hash of the source text the translator had in front of them: if the
    source changed since, the text is kept and the translation stays (or turns) outdated.
    """
    if not permissions.can_translate(user, translation.request):
        raise TranslationError(_("You cannot change this translation."))
    translation = (
        Translation.objects.select_for_update(of=("self",))  # the sources are joined, not locked
        .select_related("answer", "feedback", "observation", "summary")
        .get(pk=translation.pk)
    )
    if translation.version != base_version:
        raise TranslationConflict(translation)
    text = text.strip()
    if len(text) > 50_000:
        raise TranslationError(_("The translation is too long."))
    current = source_text(translation)
    if text == translation.text and seen_hash == translation.source_hash:
        return translation
    translation.text = text
    translation.version += 1
    translation.translator = user
    translation.updated_at = timezone.now()
    if seen_hash == text_hash(current):
        translation.source_text, translation.source_hash = current, seen_hash
        translation.status = TranslationStatus.IN_PROGRESS
    else:
        translation.status = TranslationStatus.OUTDATED
    translation.done_at = None
    translation.machine_draft = False  # a person wrote or kept this text: it is theirs now
    translation.save(
        update_fields=[
            "text",
            "version",
            "translator",
            "updated_at",
            "source_text",
            "source_hash",
            "status",
            "done_at",
            "machine_draft",
        ]
    )
    TranslationRevision.objects.create(translation=translation, number=translation.version, text=text, author=user)
    return translation


@transaction.atomic
def mark_done(translation: Translation, *, base_version: int, seen_hash: str, user) -> Translation:
    """The translator confirms the translation of the source text they see."""
    if not permissions.can_translate(user, translation.request):
        raise TranslationError(_("You cannot change this translation."))
    translation = (
        Translation.objects.select_for_update(of=("self",))  # the sources are joined, not locked
        .select_related("answer", "feedback", "observation", "summary")
        .get(pk=translation.pk)
    )
    if translation.version != base_version:
        raise TranslationConflict(translation)
    if not translation.text.strip():
        raise TranslationError(_("Write the translation before marking it done."))
    current = source_text(translation)
    if seen_hash != text_hash(current):
        raise TranslationError(_("The source text changed since you opened it: check the changes first."))
    translation.source_text, translation.source_hash = current, seen_hash
    translation.status, translation.done_at = TranslationStatus.DONE, timezone.now()
    translation.machine_draft = False
    translation.save(update_fields=["source_text", "source_hash", "status", "done_at", "machine_draft"])
    return translation


MACHINE_BATCH = 50  # units drafted per press: one call to the provider, so the page answers within its timeout


@dataclass(frozen=True)
class MachineDrafts:
    """What one press of "Machine draft" did: how many units it filled, and how many empty ones are left."""

    drafted: list[Translation]
    left: int


def draft_by_machine(request: TranslationRequest, *, user, unit: Translation | None = None) -> MachineDrafts:
    """Fill the request's empty units (or the one ``unit``) with the provider's drafts, marked as machine drafts.

    A text a person wrote is never replaced: a unit filled meanwhile is left as it is. At most
    ``MACHINE_BATCH`` units per call. The provider is asked outside the transaction (it may take
    seconds); if it refuses, MachineTranslationError says why and nothing changes.
    """
    if not permissions.can_translate(user, request):
        raise TranslationError(_("You cannot change this translation."))
    review = request.review
    provider = machine.drafting_provider(review.working_language, request.language)
    if provider is None:
        raise TranslationError(_("Machine drafts are not available for these languages."))
    empty = request.translations.filter(text="").select_related("answer", "feedback", "observation", "summary")
    if unit is not None:
        empty = empty.filter(pk=unit.pk)
    todo = [(translation, source_text(translation)) for translation in empty.order_by("order", "pk")]
    todo = [(translation, text) for translation, text in todo if text.strip()]
    batch, left = todo[:MACHINE_BATCH], max(len(todo) - MACHINE_BATCH, 0)
    if not batch:
        return MachineDrafts([], left)
    drafts = provider.translate(
        [text for _unit, text in batch], source=review.working_language, target=request.language
    )
    return MachineDrafts(_store_drafts(batch, drafts, user=user), left)


@transaction.atomic
def _store_drafts(batch: list[tuple[Translation, str]], drafts: list[str], *, user) -> list[Translation]:
    """Write the drafts into the units still empty, from the source they were drafted from."""
    drafted_from = {translation.pk: (text, draft) for (translation, text), draft in zip(batch, drafts, strict=True)}
    locked = (
        Translation.objects.select_for_update(of=("self",))  # the sources are joined, not locked
        .select_related("answer", "feedback", "observation", "summary")
        .filter(pk__in=drafted_from, text="")
        .order_by("order", "pk")
    )
    now, stored = timezone.now(), []
    for translation in locked:
        text, draft = drafted_from[translation.pk]
        draft = draft.strip()
        if not draft or source_text(translation) != text:
            continue  # the source changed while the provider drafted: the draft would be of another text
        translation.text, translation.version = draft, translation.version + 1
        translation.source_text, translation.source_hash = text, text_hash(text)
        translation.status, translation.done_at = TranslationStatus.IN_PROGRESS, None
        translation.machine_draft, translation.translator, translation.updated_at = True, user, now
        stored.append(translation)
    fields = ["text", "version", "source_text", "source_hash", "status", "done_at", "machine_draft", "translator"]
    Translation.objects.bulk_update(stored, [*fields, "updated_at"])
    TranslationRevision.objects.bulk_create(
        TranslationRevision(
            translation=translation, number=translation.version, text=translation.text, author=user, machine_draft=True
        )
        for translation in stored
    )
    return stored


def note_source_changed(source: str, pk: int) -> int:
    """After a source text was saved: its translations made from another text turn outdated.

    A translation nobody has started just follows the source. Returns how many turned outdated.
    """
    translations = Translation.objects.filter(**{f"{source}_id": pk}).select_related(
        "answer", "feedback", "observation", "summary"
    )
    outdated = 0
    for translation in translations:
        current = source_text(translation)
        digest = text_hash(current)
        if digest == translation.source_hash:
            continue
        if translation.status == TranslationStatus.REQUESTED and not translation.text:
            translation.source_text, translation.source_hash = current, digest
            translation.save(update_fields=["source_text", "source_hash"])
        elif translation.status != TranslationStatus.OUTDATED:
            translation.status = TranslationStatus.OUTDATED
            translation.save(update_fields=["status"])
            outdated += 1
    return outdated
