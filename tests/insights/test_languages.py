"""Each language is matched the way it is written: words and stems where the database knows the language,
substrings for Chinese (no spaces between words) and Arabic."""

from __future__ import annotations

import pytest
from django.db import connection

from insights.highlight import snippet
from insights.selectors import search_documents
from insights.services import rebuild_index
from reviews.models import Answer

pytestmark = pytest.mark.django_db


def answer_in(world, language: str, text: str) -> None:
    world.review.working_language = language
    world.review.save()
    question = world.questionnaire.questions.filter(kind="text").order_by("order").first()
    Answer.objects.create(review=world.review, question=question, value=text)
    rebuild_index()


def finds(world, query: str) -> bool:
    return search_documents(world.expert, query=query).filter(kind="answer").exists()


def test_chinese_is_found_by_a_word_of_two_characters_inside_a_sentence(world):
    answer_in(world, "zh-hans", "本国刑法规定了洗钱罪和腐败罪。")

    assert finds(world, "洗钱")
    assert finds(world, "腐败罪")
    assert not finds(world, "贩运")


def test_arabic_is_found_by_its_words(world):
    answer_in(world, "ar", "يجرم القانون غسل الأموال والاتجار بالأشخاص")

    assert finds(world, "الأموال")
    assert finds(world, "غسل الأموال")
    assert not finds(world, "الفساد")


def test_french_is_found_by_its_words_and_on_postgresql_by_their_stems(world):
    answer_in(world, "fr", "Les infractions de corruption sont punies par le code pénal.")

    assert finds(world, "corruption")
    assert finds(world, "code pénal")
    assert not finds(world, "blanchiment")
    if connection.vendor == "postgresql":
        assert finds(world, "infraction")  # the French stemmer: singular and plural are one word


def test_a_question_is_found_in_each_language_it_is_written_in(world):
    rebuild_index()

    languages = set(search_documents(world.expert, query="question 3").values_list("language", flat=True))

    assert languages == {"en", "fr"}


def test_snippets_mark_chinese_and_arabic_words():
    assert snippet("本国刑法规定了洗钱罪", ["洗钱"]) == "本国刑法规定了<mark>洗钱</mark>罪"
    assert snippet("غسل الأموال", ["الأموال"]) == "غسل <mark>الأموال</mark>"


def test_a_long_text_is_cut_around_the_first_match_with_ellipses():
    text = "word " * 200 + "needle " + "tail " * 200

    cut = snippet(text, ["needle"])

    assert cut.startswith("… ")
    assert cut.endswith(" …")
    assert "<mark>needle</mark>" in cut
    assert len(cut) < 300
