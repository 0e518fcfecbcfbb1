"""A corpus of texts in the two reviews of ``world``, each holding one word found nowhere else.

France (under review, not submitted) and Egypt each get an answer, comments in threads of
every visibility, written feedback (one sent, one draft), an observation and a summary.
The tests search for the words and compare who finds what with the rules of the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from insights.services import rebuild_index
from reviews.enums import AnswerKind, ObservationCategory, ThreadVisibility
from reviews.models import Answer, Comment, Feedback, Observation, ObservationList, Summary, Thread
from tests.factories import state


@dataclass
class Corpus:
    words: dict[str, str]  # the word -> what it is, e.g. "FRA answer"

    def of(self, prefix: str) -> set[str]:
        return {word for word, where in self.words.items() if where.startswith(prefix)}


def add_texts(review, questionnaire, *, code: str, author, reviewing: tuple[str, str], published=False) -> dict:
    """One text of each kind in ``review``; returns {word: label}."""
    words = {}

    def word(label: str) -> str:
        token = f"{code}{label.replace(' ', '')}zq".lower()
        words[token] = f"{code.upper()} {label}"
        return token

    text_question = questionnaire.questions.filter(kind=AnswerKind.TEXT).order_by("order").first()
    Answer.objects.create(review=review, question=text_question, value=f"Our law {word('answer')} applies.")
    for visibility in ThreadVisibility:
        thread = Thread.objects.create(review=review, question=None, visibility=visibility)
        body = f"About {word('comment ' + visibility.value)} here."
        Comment.objects.create(thread=thread, author=author, body=body, body_html=body)
    on_question = Thread.objects.create(review=review, question=text_question, visibility=ThreadVisibility.ALL)
    body = f"On the answer: {word('question thread')}."
    Comment.objects.create(thread=on_question, author=author, body=body, body_html=body)
    gone = Comment.objects.create(
        thread=on_question, author=author, body=f"{word('deleted comment')}", deleted_at=timezone.now()
    )
    assert gone.deleted_at
    drafting, sending = (state(code) for code in reviewing)
    Feedback.objects.create(review=review, reviewing_state=drafting, text=f"Draft {word('feedback draft')}.")
    Feedback.objects.create(
        review=review, reviewing_state=sending, text=f"Sent {word('feedback sent')}.", submitted_at=timezone.now()
    )
    observations = ObservationList.objects.create(review=review, reviewing_state=drafting)
    item = Observation.objects.create(
        observation_list=observations, category=ObservationCategory.GAP, text=f"Gap {word('observation')}."
    )
    item.articles.set([text_question.section.article])
    Summary.objects.create(
        review=review,
        text=f"Summary {word('summary')}.",
        published_at=timezone.now() if published else None,
    )
    return words


@pytest.fixture
def corpus(world) -> Corpus:
    words = add_texts(world.review, world.questionnaire, code="fra", author=world.focal_point, reviewing=("DEU", "BRA"))
    words |= add_texts(
        world.other_review, world.questionnaire, code="egy", author=world.stranger, reviewing=("MAR", "JPN")
    )
    rebuild_index()
    return Corpus(words)
