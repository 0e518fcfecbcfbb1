"""The benchmark's review is read in Portuguese by its reviewing expert: every answer text translated, once."""

from __future__ import annotations

import pytest

from devdata.management.commands.bench import Command
from reviews import text_overlays
from reviews.enums import AnswerKind
from reviews.models import Question
from reviews.services import save_answer
from tests.factories import SecretariatFactory
from translations.models import ReadingChoice, Translation

pytestmark = pytest.mark.django_db


def test_the_bench_review_is_translated_once_and_read_in_portuguese(world):
    SecretariatFactory(email="scale.secretariat@example.net")
    for number, question in enumerate(Question.objects.filter(questionnaire=world.questionnaire, kind=AnswerKind.TEXT)):
        save_answer(world.review, question, value=f"Answer {number}", base_revision=0, user=world.expert)
    reader = world.reviewing_expert

    counts = [Command().translated_for(reader, world.review, world.questionnaire) for _ in range(2)]

    texts = Question.objects.filter(questionnaire=world.questionnaire, kind=AnswerKind.TEXT).count()
    assert counts == [texts, texts]
    assert Translation.objects.count() == texts
    assert ReadingChoice.objects.get(user=reader).language == "pt"
    reading = text_overlays.reading_for(reader, world.review)
    assert reading.language == "pt"
    assert all(text.startswith("[pt] Answer") for text, _status in reading.overlay.values())
