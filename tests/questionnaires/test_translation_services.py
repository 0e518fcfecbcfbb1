"""The translation services: the texts of a questionnaire, applying changes, the publish check."""

from __future__ import annotations

import pytest
from django.utils import translation

from questionnaires.services.translations import (
    Change,
    TranslationsIncomplete,
    TranslationsRefused,
    apply_translations,
    check_translations_complete,
    incomplete_translations,
    required_languages_for,
    save_translations,
)
from questionnaires.texts import texts_of
from reviews.enums import CycleStatus, QuestionnaireStatus
from reviews.models import Choice, Cluster, Instrument, Question, Questionnaire, ReviewCycle
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.core.translation_status import TranslationStatus
from tests.factories import SecretariatFactory, TrainerFactory

pytestmark = pytest.mark.django_db

FRENCH_TODO = [
    "Questionnaire · title: missing",
    "Section 1 · title: missing",
    "Question 1.1 · text: missing",
    "Question 3, choice “fully” · label: missing",
    "Question 3, choice “partly” · label: missing",
    "Question 3, choice “not” · label: missing",
]


def change(questionnaire, key: str, language: str, new: str) -> Change:
    text = {text.key: text for text in texts_of(questionnaire)}[key]
    return Change(key, language, text.value(language), new)


def test_texts_of_a_questionnaire_have_stable_keys_in_reading_order(small_draft):
    keys = [text.key for text in texts_of(small_draft)]

    assert keys == [
        "questionnaire:title",
        "questionnaire:introduction",
        "section:1:title",
        "question:1:text",
        "question:1:help_text",
        "question:1.1:text",
        "question:1.1:help_text",
        "question:2:text",
        "question:2:help_text",
        "question:3:text",
        "question:3:help_text",
        "choice:3:fully:label",
        "choice:3:partly:label",
        "choice:3:not:label",
    ]


def test_incomplete_translations_lists_what_is_missing_per_language(small_draft):
    assert incomplete_translations(small_draft, ["fr"]) == {"fr": FRENCH_TODO}


def test_incomplete_translations_skips_english_and_complete_languages(small_draft):
    texts = [text for text in texts_of(small_draft) if text.source]
    apply_translations(
        small_draft,
        changes=[change(small_draft, text.key, "es", f"ES {text.key}") for text in texts],
        by=SecretariatFactory(),
        via="test",
    )

    assert incomplete_translations(small_draft, ["en", "es"]) == {}


def test_incomplete_translations_names_texts_older_than_the_english_source(small_draft):
    secretariat = SecretariatFactory()
    apply_translations(
        small_draft, changes=[change(small_draft, "section:1:title", "fr", "Section 1")], by=secretariat, via="test"
    )
    apply_translations(
        small_draft, changes=[change(small_draft, "section:1:title", "en", "Part one")], by=secretariat, via="test"
    )

    found = incomplete_translations(small_draft, ["fr"])["fr"]

    assert found[1] == "Section 1 · title: older than the English source"


def test_apply_translations_stamps_changed_objects_and_audits(small_draft):
    secretariat = SecretariatFactory()

    applied = apply_translations(
        small_draft,
        changes=[
            change(small_draft, "question:1.1:text", "ar", "يرجى ذكر التشريع"),
            change(small_draft, "question:2:text", "fr", "Question 2"),
        ],
        by=secretariat,
        via="test",
    )

    follow_up = Question.objects.get(questionnaire=small_draft, number="1.1")
    second = Question.objects.get(questionnaire=small_draft, number="2")
    assert len(applied) == 1  # question 2 already read "Question 2" in French
    assert follow_up.text_ar == "يرجى ذكر التشريع"
    assert list(follow_up.translations_updated) == ["ar"]
    assert second.translations_updated == {}
    entry = AuditEntry.objects.get(action=AuditAction.QUESTIONNAIRE_TRANSLATED)
    assert (entry.actor, entry.data) == (secretariat, {"via": "test", "languages": ["ar"], "texts": 1})


def test_apply_translations_corrects_a_published_questionnaire(world):
    applied = apply_translations(
        world.questionnaire,
        changes=[change(world.questionnaire, "questionnaire:title", "fr", "Questionnaire du groupe 1")],
        by=world.secretariat,
        via="test",
    )

    world.questionnaire.refresh_from_db()
    assert len(applied) == 1
    assert world.questionnaire.title_fr == "Questionnaire du groupe 1"


@pytest.mark.parametrize(
    ("key", "language", "new", "problem"),
    [
        (
            "questionnaire:title",
            "en",
            "A new title",
            "The English source of a published questionnaire does not change.",
        ),
        ("choice:3:fully:label", "fr", "x" * 301, "at most 300 characters"),
        ("question:99:text", "fr", "Question 99", "question:99:text: no such text in this questionnaire."),
    ],
)
def test_apply_translations_refuses_and_changes_nothing(world, key, language, new, problem):
    before = Questionnaire.objects.get(pk=world.questionnaire.pk).title_fr, list(Choice.objects.values_list("label_fr"))
    changes = [
        change(world.questionnaire, "questionnaire:introduction", "fr", "Introduction"),
        Change(key, language, "", new),
    ]

    with pytest.raises(TranslationsRefused) as refused:
        apply_translations(world.questionnaire, changes=changes, by=world.secretariat, via="test")

    assert problem in str(refused.value)
    after = Questionnaire.objects.get(pk=world.questionnaire.pk).title_fr, list(Choice.objects.values_list("label_fr"))
    assert after == before
    assert Questionnaire.objects.get(pk=world.questionnaire.pk).introduction_fr in ("", None)
    assert not AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_TRANSLATED).exists()


def test_apply_translations_refuses_a_text_changed_since_it_was_read(small_draft):
    secretariat = SecretariatFactory()
    stale = change(small_draft, "section:1:title", "fr", "Première partie")
    apply_translations(
        small_draft, changes=[change(small_draft, "section:1:title", "fr", "Partie 1")], by=secretariat, via="test"
    )

    with pytest.raises(TranslationsRefused, match="was changed by someone else meanwhile"):
        apply_translations(small_draft, changes=[stale], by=secretariat, via="test")

    assert small_draft.sections.get().title_fr == "Partie 1"


def test_apply_translations_refuses_a_retired_questionnaire_and_strangers(small_draft):
    Questionnaire.objects.filter(pk=small_draft.pk).update(status=QuestionnaireStatus.RETIRED)
    with pytest.raises(ReviewError, match="retired"):
        apply_translations(small_draft, changes=[], by=SecretariatFactory(), via="test")
    with pytest.raises(ReviewError, match="Only the secretariat"):
        apply_translations(small_draft, changes=[], by=TrainerFactory(), via="test")


def test_save_translations_never_edits_the_english_source(small_draft):
    with pytest.raises(ReviewError):
        save_translations(small_draft, language="en", texts=texts_of(small_draft), values={}, by=SecretariatFactory())


def make_cycle(*, cluster: int = 1, languages: list[str], instruments=(), status=CycleStatus.PLANNED) -> ReviewCycle:
    cycle = ReviewCycle.objects.create(
        title=f"Cycle {languages}",
        cluster=Cluster.objects.get(number=cluster),
        first_year=2027,
        required_languages=languages,
        status=status,
    )
    cycle.instruments.set(Instrument.objects.filter(code__in=instruments))
    return cycle


def test_required_languages_for_unites_the_open_cycles_covering_the_instrument(small_draft):
    make_cycle(languages=["fr"])  # every instrument
    make_cycle(languages=["pt", "zh-hans"], instruments=["untoc", "tip"])
    make_cycle(languages=["ar"], instruments=["som"])  # not this questionnaire's instrument
    make_cycle(languages=["ru"], status=CycleStatus.CLOSED)
    make_cycle(cluster=2, languages=["es"])

    assert required_languages_for(small_draft) == ["zh-hans", "fr", "pt"]


def test_required_languages_for_is_empty_without_a_cycle(small_draft):
    assert required_languages_for(small_draft) == []


def test_check_translations_complete_raises_with_what_is_missing(small_draft):
    make_cycle(languages=["fr"])

    with pytest.raises(TranslationsIncomplete) as incomplete:
        check_translations_complete(small_draft)

    assert incomplete.value.missing == {"fr": FRENCH_TODO}
    assert str(incomplete.value) == (
        "Some translations are missing or older than the English source (French: 6 texts)."
    )
    assert isinstance(incomplete.value, ReviewError)


def test_translations_incomplete_names_the_languages_in_the_readers_language():
    error = TranslationsIncomplete({"ar": ["Questionnaire · title: missing"]})

    with translation.override("fr"):
        message = str(error)

    assert "arabe" in message.lower()


def test_field_status_of_a_text_without_english_source_is_up_to_date(small_draft):
    help_text = {text.key: text for text in texts_of(small_draft)}["question:1:help_text"]

    assert help_text.status("fr") == TranslationStatus.UP_TO_DATE
