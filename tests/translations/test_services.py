"""Requests, grants, writing, conflicts and outdated translations, through the services."""

from __future__ import annotations

import pytest

from reviews.models import Feedback, Summary
from reviews.services import ensure_outputs, save_answer
from translations import selectors
from translations.enums import TranslationScope, TranslationStatus
from translations.models import Translation, TranslationRequest, TranslationRevision
from translations.services import (
    TranslationConflict,
    TranslationError,
    grant_translator,
    mark_done,
    note_source_changed,
    request_translation,
    revoke_translator,
    save_translation,
)

pytestmark = pytest.mark.django_db


def unit(request: TranslationRequest) -> Translation:
    return request.translations.get()


def write(translation: Translation, text: str, *, user, done: bool = False) -> Translation:
    translation = save_translation(
        translation, text=text, base_version=translation.version, seen_hash=translation.source_hash, user=user
    )
    if done:
        translation = mark_done(
            translation, base_version=translation.version, seen_hash=translation.source_hash, user=user
        )
    return translation


def test_a_section_request_holds_the_text_units_of_its_answers_only(desk):
    one, two = unit(desk.section_one), unit(desk.section_two)

    assert (one.unit_key, one.source_text, one.status) == (
        f"answer:{one.answer_id}:text",
        "The penal code applies.",
        TranslationStatus.REQUESTED,
    )
    assert (two.part, two.source_text) == ("title:0", "Penal Code")
    assert desk.section_one.translator == desk.translator


def test_a_request_into_several_languages_makes_one_request_each(desk):
    made = request_translation(
        desk.world.review,
        scope=TranslationScope.QUESTIONNAIRE,
        questionnaire=desk.world.questionnaire,
        languages=["fr", "ar"],
        by=desk.world.secretariat,
    )

    assert sorted(request.language for request in made) == ["ar", "fr"]
    assert [request.translations.count() for request in made] == [2, 2]
    assert [request.translator for request in made] == [None, None]


def test_asking_again_for_what_is_asked_for_creates_nothing(desk):
    before = TranslationRequest.objects.count()

    with pytest.raises(TranslationError):
        request_translation(
            desk.world.review,
            scope=TranslationScope.QUESTIONNAIRE,
            questionnaire=desk.world.questionnaire,
            languages=["fr", "pt"],
            by=desk.world.secretariat,
        )

    assert TranslationRequest.objects.count() == before


def test_a_request_into_the_working_language_is_refused(desk):
    with pytest.raises(TranslationError, match="already in the review's working language"):
        request_translation(
            desk.world.review,
            scope=TranslationScope.QUESTIONNAIRE,
            questionnaire=desk.world.questionnaire,
            languages=["en"],
            by=desk.world.secretariat,
        )


def test_a_section_of_another_questionnaire_is_refused(desk, world):
    from tests.factories.reviews import published_questionnaire  # noqa: PLC0415 - only this test needs another

    foreign = published_questionnaire(questions=2, sections=1).sections.get()

    with pytest.raises(TranslationError, match="section of this review"):
        request_translation(
            world.review, scope=TranslationScope.SECTION, section=foreign, languages=["fr"], by=world.secretariat
        )


def test_the_state_under_reviews_focal_point_asks_for_its_answers_only(desk, world):
    ensure_outputs(world.review)
    feedback = Feedback.objects.filter(review=world.review).first()

    made = request_translation(
        world.review,
        scope=TranslationScope.QUESTIONNAIRE,
        questionnaire=world.questionnaire,
        languages=["fr"],
        by=world.focal_point,
    )
    with pytest.raises(TranslationError):
        request_translation(
            world.review, scope=TranslationScope.FEEDBACK, feedback=feedback, languages=["fr"], by=world.focal_point
        )

    assert made[0].requested_by == world.focal_point


def test_a_reviewing_focal_point_asks_for_their_own_states_feedback_only(desk, world):
    ensure_outputs(world.review)
    Feedback.objects.filter(review=world.review).update(text="The answers are clear.")
    own = Feedback.objects.get(review=world.review, reviewing_state=world.reviewing_focal_point.state)
    other = Feedback.objects.exclude(pk=own.pk).get(review=world.review)

    made = request_translation(
        world.review, scope=TranslationScope.FEEDBACK, feedback=own, languages=["fr"], by=world.reviewing_focal_point
    )
    with pytest.raises(TranslationError, match="your own State"):
        request_translation(
            world.review,
            scope=TranslationScope.FEEDBACK,
            feedback=other,
            languages=["fr"],
            by=world.reviewing_focal_point,
        )

    assert made[0].translations.get().source_text == "The answers are clear."


@pytest.mark.parametrize("who", ["expert", "reviewing_expert", "observer", "contributor", "stranger", "nobody"])
def test_others_may_ask_for_nothing(desk, world, who):
    with pytest.raises(TranslationError):
        request_translation(
            world.review,
            scope=TranslationScope.QUESTIONNAIRE,
            questionnaire=world.questionnaire,
            languages=["fr"],
            by=getattr(world, who),
        )


def test_an_empty_summary_has_nothing_to_translate(desk, world):
    ensure_outputs(world.review)

    with pytest.raises(TranslationError, match="Nothing here is left to translate"):
        request_translation(world.review, scope=TranslationScope.SUMMARY, languages=["fr"], by=world.secretariat)

    assert not TranslationRequest.objects.filter(scope=TranslationScope.SUMMARY).exists()


def test_saving_keeps_a_revision_and_done_needs_the_source_seen(desk):
    translation = write(unit(desk.section_one), "O código penal aplica-se.", user=desk.translator)
    translation = write(translation, "Aplica-se o código penal.", user=desk.translator, done=True)

    assert (translation.status, translation.version) == (TranslationStatus.DONE, 2)
    assert list(TranslationRevision.objects.values_list("number", "text")) == [
        (2, "Aplica-se o código penal."),
        (1, "O código penal aplica-se."),
    ]


def test_a_save_from_an_older_version_is_a_conflict_and_keeps_theirs(desk):
    translation = unit(desk.section_one)
    write(translation, "Primeira versão.", user=desk.translator)

    with pytest.raises(TranslationConflict) as conflict:
        save_translation(
            translation,
            text="Outra versão.",
            base_version=0,
            seen_hash=translation.source_hash,
            user=desk.world.secretariat,
        )

    assert conflict.value.translation.text == "Primeira versão."
    assert Translation.objects.get(pk=translation.pk).text == "Primeira versão."


def test_another_translator_cannot_write(desk):
    with pytest.raises(TranslationError):
        write(unit(desk.section_one), "Não.", user=desk.colleague)


def test_an_edited_answer_turns_its_translation_outdated_with_the_diff(desk, world, django_capture_on_commit_callbacks):
    write(unit(desk.section_one), "O código penal aplica-se.", user=desk.translator, done=True)

    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review, desk.text_question, value="The new penal code applies.", base_revision=1, user=world.expert
        )
    row = selectors.editor_rows(desk.section_one)[0]

    assert row.translation.status == TranslationStatus.OUTDATED
    assert row.diff == [("equal", "The"), ("insert", "new"), ("equal", "penal code applies.")]
    assert row.source == "The new penal code applies."


def test_a_translation_nobody_started_follows_its_source(desk, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save_answer(world.review, desk.text_question, value="Amended.", base_revision=1, user=world.expert)
    translation = unit(desk.section_one)

    assert (translation.status, translation.source_text) == (TranslationStatus.REQUESTED, "Amended.")


def test_a_changed_citation_title_and_summary_turn_outdated(desk, world, django_capture_on_commit_callbacks):
    ensure_outputs(world.review)
    summary = Summary.objects.get(review=world.review)
    summary.text = "France has a complete framework."
    summary.save(update_fields=["text"])
    [summary_request] = request_translation(
        world.review, scope=TranslationScope.SUMMARY, languages=["pt"], by=world.secretariat
    )
    summary_request.translator = desk.translator
    summary_request.save(update_fields=["translator"])
    write(unit(summary_request), "A França tem um quadro completo.", user=desk.translator, done=True)
    write(unit(desk.section_two), "Código Penal", user=desk.colleague, done=True)

    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review, desk.law_question, value=[{"title": "Criminal Code"}], base_revision=1, user=world.expert
        )
        summary.text = "France has an almost complete framework."
        summary.save(update_fields=["text"])

    assert unit(desk.section_two).status == TranslationStatus.OUTDATED
    assert unit(summary_request).status == TranslationStatus.OUTDATED


def test_a_status_change_of_the_answer_leaves_the_translation_alone(desk, world, django_capture_on_commit_callbacks):
    write(unit(desk.section_one), "Feito.", user=desk.translator, done=True)
    answer = unit(desk.section_one).answer

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer.status = "ready"
        answer.save(update_fields=["status"])

    ours = [callback for callback in callbacks if getattr(callback, "func", None) is note_source_changed]
    assert (ours, unit(desk.section_one).status) == ([], TranslationStatus.DONE)


def test_saving_against_a_source_that_changed_meanwhile_stays_outdated(desk, world):
    translation = unit(desk.section_one)
    seen = translation.source_hash
    save_answer(world.review, desk.text_question, value="Changed meanwhile.", base_revision=1, user=world.expert)

    translation = save_translation(translation, text="Tradução.", base_version=0, seen_hash=seen, user=desk.translator)
    with pytest.raises(TranslationError, match="source text changed"):
        mark_done(translation, base_version=translation.version, seen_hash=seen, user=desk.translator)

    assert (translation.status, translation.text) == (TranslationStatus.OUTDATED, "Tradução.")
    assert note_source_changed("answer", translation.answer_id) == 0


def test_translations_for_maps_each_unit_to_its_text_and_status(desk, world):
    done = write(unit(desk.section_one), "O código penal aplica-se.", user=desk.translator, done=True)
    write(unit(desk.section_two), "Código Penal", user=desk.colleague)
    save_answer(world.review, desk.law_question, value=[{"title": "Criminal Code"}], base_revision=1, user=world.expert)

    found = selectors.translations_for(world.review, "pt")

    assert found == {
        done.unit_key: ("O código penal aplica-se.", TranslationStatus.DONE),
        unit(desk.section_two).unit_key: ("Código Penal", TranslationStatus.OUTDATED),
    }
    assert selectors.translations_for(world.review, "fr") == {}


def test_a_grant_gives_the_waiting_requests_of_its_language(desk, world):
    [waiting] = request_translation(
        world.review,
        scope=TranslationScope.SECTION,
        section=desk.section_one.section,
        languages=["fr"],
        by=world.secretariat,
    )
    grant_translator(world.review, email=desk.elsewhere.email.upper(), language="fr", by=world.secretariat)

    waiting.refresh_from_db()
    assert waiting.translator == desk.elsewhere


def test_a_grant_needs_the_secretariat_and_an_account(desk, world):
    with pytest.raises(TranslationError, match="Only the secretariat"):
        grant_translator(world.review, email=desk.elsewhere.email, language="fr", by=world.focal_point)
    with pytest.raises(TranslationError, match="No active account"):
        grant_translator(world.review, email="nobody@nowhere.test", language="fr", by=world.secretariat)


def test_an_ended_grant_empties_the_queue(desk):
    grant = desk.translator.translator_grants.get()

    revoke_translator(grant, by=desk.world.secretariat)

    assert list(selectors.queue_of(desk.translator)) == []
    assert TranslationRequest.objects.filter(pk=desk.section_one.pk).exists()
