"""An answer reads the same wherever it appears: as the questionnaire shows it, in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from reviews.enums import AnswerKind
from reviews.forms import value_as_text
from reviews.models import Answer, Question

pytestmark = pytest.mark.django_db

CITATION = [{"title": "Criminal Code of Brazil", "provision": "art. 321", "url": "https://sherloc.unodc.org/x"}]


def answered(world, kind: AnswerKind, value) -> Question:
    question = Question.objects.filter(questionnaire=world.questionnaire, kind=kind).first()
    defaults = {"value": value, "revision": 1, "updated_by": world.focal_point}
    Answer.objects.update_or_create(review=world.review, question=question, defaults=defaults)
    return question


def discussion_html(client, world, question, language: str) -> str:
    client.force_login(world.focal_point)
    with translation.override(language):
        url = reverse("reviews:question_discussion", kwargs={"pk": world.review.pk, "question_pk": question.pk})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_a_citation_in_a_thread_is_listed_as_in_the_questionnaire_not_printed_as_data(client, world):
    question = answered(world, AnswerKind.LEGISLATION, CITATION)
    html = discussion_html(client, world, question, "pt")
    assert "{&#x27;title&#x27;" not in html
    assert "{'title'" not in html
    assert '<ul class="citations">' in html
    assert '<strong dir="auto">Criminal Code of Brazil</strong>' in html
    assert 'href="https://sherloc.unodc.org/x"' in html


def test_yes_or_no_in_a_thread_is_in_the_readers_language(client, world):
    question = answered(world, AnswerKind.YES_NO, "yes")
    html = discussion_html(client, world, question, "pt")
    assert '<p class="answer-text" dir="auto">Sim</p>' in html


def test_a_date_in_a_thread_is_written_as_the_reader_writes_dates(client, world):
    question = answered(world, AnswerKind.DATE, "2024-03-05")
    html = discussion_html(client, world, question, "fr")
    assert "5 mars 2024" in html
    assert "2024-03-05" not in html


def test_an_unanswered_question_says_so_in_its_thread(client, world):
    question = Question.objects.filter(questionnaire=world.questionnaire).first()
    html = discussion_html(client, world, question, "en")
    assert "Not answered yet." in html


@pytest.mark.parametrize(
    ("kind", "value", "language", "expected"),
    [
        (AnswerKind.YES_NO, "no", "es", "No"),
        (AnswerKind.YES_NO, "yes", "fr", "Oui"),
        (AnswerKind.DATE, "2024-03-05", "ru", "5 марта 2024 г."),  # noqa: RUF001 - Russian
        (AnswerKind.NUMBER, 1234.5, "fr", "1234,5"),
        (AnswerKind.NUMBER, 12, "en", "12"),
    ],
)
def test_answers_as_text_for_history_mail_and_exports_follow_the_language(world, kind, value, language, expected):
    question = Question.objects.filter(questionnaire=world.questionnaire, kind=kind).first()
    with translation.override(language):
        assert value_as_text(question, value) == expected
