"""Who finds what: the search returns exactly the texts the pages would show the same person."""

from __future__ import annotations

import pytest
from django.utils import timezone

from insights.enums import DocumentKind
from insights.models import SearchDocument
from insights.selectors import search_documents
from insights.services import rebuild_index
from reviews import permissions
from reviews.models import Answer, CountryReview, Feedback, Question, Summary
from reviews.selectors import visible_threads
from tests.factories import TrainerFactory

pytestmark = pytest.mark.django_db

FRA_REVIEWED = {"FRA answer", "FRA comment all", "FRA comment state", "FRA question thread", "FRA feedback sent",
                "FRA observation", "FRA summary"}  # fmt: skip
FRA_REVIEWING = {"FRA comment all", "FRA comment reviewing", "FRA feedback sent", "FRA observation", "FRA summary"}
EXPECTED = {
    "focal_point": FRA_REVIEWED,
    "expert": FRA_REVIEWED,
    "contributor": {"FRA answer", "FRA comment state"},
    "reviewing_expert": FRA_REVIEWING | {"FRA feedback draft"},  # Germany drafts that feedback
    "observer": FRA_REVIEWING | {"FRA feedback draft"},
    "reviewing_focal_point": FRA_REVIEWING,  # Brazil: not Germany's draft
    "stranger": {label.replace("FRA", "EGY") for label in FRA_REVIEWED},
    "other_contributor": {"EGY answer", "EGY comment state"},
    "stakeholder": set(),
    "nobody": set(),
}


def found(user, corpus) -> set[str]:
    return {label for word, label in corpus.words.items() if search_documents(user, query=word).exists()}


@pytest.mark.parametrize("person", sorted(EXPECTED))
def test_each_person_finds_exactly_what_the_pages_show_them(world, corpus, person):
    assert found(getattr(world, person), corpus) == EXPECTED[person]


def test_the_secretariat_finds_everything_but_deleted_comments(world, corpus):
    everything = set(corpus.words.values()) - {"FRA deleted comment", "EGY deleted comment"}

    assert found(world.secretariat, corpus) == everything


def test_a_trainer_finds_nothing_of_any_review(world, corpus):
    assert found(TrainerFactory(), corpus) == set()


def test_once_submitted_the_reviewing_side_finds_the_answers_and_their_threads(world, corpus):
    CountryReview.objects.filter(pk=world.review.pk).update(submitted_at=timezone.now())

    assert found(world.reviewing_expert, corpus) == EXPECTED["reviewing_expert"] | {"FRA answer", "FRA question thread"}


def test_a_published_summary_is_found_by_everyone_signed_in(world, corpus):
    Summary.objects.filter(review=world.other_review).update(published_at=timezone.now())
    rebuild_index()

    assert search_documents(world.stakeholder, query="egysummaryzq").count() == 1
    assert search_documents(world.contributor, query="egysummaryzq").count() == 1


def test_questions_are_found_by_those_who_read_the_answers_of_a_review_answering_them(world, corpus):
    assert search_documents(world.expert, query="cite applicable legislation").exists()
    assert not search_documents(world.reviewing_expert, query="cite applicable legislation").exists()
    assert not search_documents(world.stakeholder, query="cite applicable legislation").exists()


@pytest.mark.parametrize("person", [*sorted(EXPECTED), "secretariat"])
def test_every_document_found_is_one_the_permission_functions_let_the_person_read(world, corpus, person):
    user = getattr(world, person)
    found_documents = {
        pk for word in corpus.words for pk in search_documents(user, query=word).values_list("pk", flat=True)
    }

    holding_a_word = [d for d in SearchDocument.objects.all() if any(word in d.body for word in corpus.words)]
    readable = {document.pk for document in holding_a_word if may_read(user, document)}

    assert found_documents == readable


def may_read(user, document: SearchDocument) -> bool:
    """The rule of the pages, asked of reviews.permissions one document at a time."""
    if document.kind == DocumentKind.QUESTION:
        return permissions.is_secretariat(user) or any(
            permissions.can_read_answers(user, review)
            for review in Question.objects.get(pk=document.source_id).questionnaire.reviews.all()
        )
    review = document.review
    if document.kind == DocumentKind.ANSWER:
        return permissions.can_view(user, review) and permissions.can_read_answers(user, review)
    if document.kind == DocumentKind.COMMENT:
        return visible_threads(user, review).filter(comments__pk=document.source_id).exists()
    if document.kind == DocumentKind.FEEDBACK:
        return permissions.can_read_feedback(user, review, Feedback.objects.get(pk=document.source_id))
    if document.kind == DocumentKind.SUMMARY and document.is_released:
        return True
    return permissions.can_read_dialogue(user, review)


def test_an_answer_with_no_words_is_not_indexed(world, corpus):
    yes_no = world.questionnaire.questions.filter(kind="yes_no").first()
    Answer.objects.create(review=world.review, question=yes_no, value="yes")

    counts = rebuild_index()

    assert counts["answer"] == 2
