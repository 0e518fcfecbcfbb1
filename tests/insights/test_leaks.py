"""50 searches as a participant of one review: nothing of any other review, nothing of a thread closed to them.

Every word is written in both reviews, in every kind of text and every thread visibility, so
a rule missing from the search's SQL would show up as a result of Egypt, or of a thread the
person may not read.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from insights.models import SearchDocument
from insights.selectors import search_documents
from insights.services import rebuild_index
from reviews.enums import ObservationCategory, ThreadVisibility
from reviews.models import Answer, Comment, Feedback, Observation, ObservationList, Summary, Thread
from tests.factories import state
from tests.insights.test_visibility import may_read

pytestmark = pytest.mark.django_db

WORDS = [
    "bribery",
    "laundering",
    "trafficking",
    "smuggling",
    "firearms",
    "extradition",
    "confiscation",
    "jurisdiction",
    "witnesses",
    "victims",
    "prosecution",
    "sentencing",
    "corruption",
    "obstruction",
    "conspiracy",
    "participation",
    "liability",
    "sanctions",
    "forfeiture",
    "seizure",
    "freezing",
    "assistance",
    "cooperation",
    "investigation",
    "surveillance",
    "undercover",
    "informants",
    "protection",
    "compensation",
    "restitution",
    "prevention",
    "awareness",
    "training",
    "equipment",
    "drafting",
    "institutions",
    "registry",
    "statistics",
    "research",
    "borders",
    "documents",
    "identity",
    "migrants",
    "cybercrime",
    "洗钱",
    "腐败问题",
    "غسل",
    "الاتجار",
    "corrupción",
    "коррупция",
]


def fill(review, questionnaire, *, author, reviewing: tuple[str, str]) -> None:
    """Every word, in every kind of text of ``review``."""
    text = " ".join(WORDS)
    question = questionnaire.questions.filter(kind="text").order_by("order").first()
    Answer.objects.create(review=review, question=question, value=text)
    for visibility in ThreadVisibility:
        for on in (None, question):
            thread = Thread.objects.create(review=review, question=on, visibility=visibility)
            Comment.objects.create(thread=thread, author=author, body=text, body_html="-")
    for code in reviewing:
        Feedback.objects.create(review=review, reviewing_state=state(code), text=text)
        observations = ObservationList.objects.create(review=review, reviewing_state=state(code))
        Observation.objects.create(observation_list=observations, category=ObservationCategory.GAP, text=text)
    Summary.objects.create(review=review, text=text)


@pytest.fixture
def everywhere(world):
    fill(world.review, world.questionnaire, author=world.focal_point, reviewing=("DEU", "BRA"))
    fill(world.other_review, world.questionnaire, author=world.stranger, reviewing=("MAR", "JPN"))
    rebuild_index()
    return world


def test_there_are_fifty_different_words():
    assert len(set(WORDS)) == 50


@pytest.mark.parametrize("person", ["expert", "contributor", "reviewing_expert", "observer"])
def test_fifty_searches_find_nothing_of_another_review_or_of_a_closed_thread(everywhere, person):
    user = getattr(everywhere, person)
    leaks, found = [], 0
    for word in WORDS:
        for document in search_documents(user, query=word):
            found += 1
            if document.review_id != everywhere.review.pk or not may_read(user, document):
                leaks.append((word, document.kind, document.review_id, document.thread_visibility))

    assert leaks == []
    assert found >= 50  # each word is found at least once in the person's own review


def test_fifty_searches_on_the_page_show_nothing_of_egypt(client, everywhere):
    client.force_login(everywhere.contributor)
    egypt = SearchDocument.objects.filter(review=everywhere.other_review)
    assert egypt.count() > 10

    shown = []
    for word in WORDS:
        response = client.get(reverse("insights:search"), {"q": word})
        results = response.context["results"]
        shown += [result.document.review_id for result in results.results]
        # The counts by kind and the total count only what the page may show: the own review's texts.
        own = search_documents(everywhere.contributor, query=word).filter(review=everywhere.review)
        assert sum(results.counts.values()) == results.total == own.count()
        assert "Egypt" not in response.content.decode()

    assert set(shown) == {everywhere.review.pk}
