"""The index follows the reviews: after each commit that saves or deletes a text, and by the rebuild command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from insights.enums import DocumentKind
from insights.models import SearchDocument
from insights.selectors import search_documents
from reviews.enums import ObservationCategory, Step, ThreadVisibility
from reviews.models import Feedback, ObservationList, Summary
from reviews.services import (
    add_observation,
    delete_comment,
    edit_comment,
    ensure_outputs,
    get_or_create_thread,
    post_comment,
    remove_observation,
    save_answer,
    save_feedback,
    save_summary,
)

pytestmark = pytest.mark.django_db


def text_question(world):
    return world.questionnaire.questions.filter(kind="text").order_by("order").first()


def test_a_saved_answer_is_found_after_the_commit_and_not_before(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        save_answer(
            world.review, text_question(world), value="Extradition treaties", base_revision=0, user=world.expert
        )
    assert not search_documents(world.expert, query="extradition").exists()

    for callback in callbacks:
        callback()

    assert search_documents(world.expert, query="extradition").count() == 1


def test_an_edited_answer_is_found_by_its_new_words_only(world, django_capture_on_commit_callbacks):
    question = text_question(world)
    with django_capture_on_commit_callbacks(execute=True):
        answer = save_answer(world.review, question, value="Old wording", base_revision=0, user=world.expert)
    with django_capture_on_commit_callbacks(execute=True):
        save_answer(
            world.review, question, value="Confiscation rules", base_revision=answer.revision, user=world.expert
        )

    assert not search_documents(world.expert, query="wording").exists()
    assert search_documents(world.expert, query="confiscation").count() == 1


def test_comments_follow_their_edits_and_deletion(world, django_capture_on_commit_callbacks):
    thread = get_or_create_thread(world.review, question=None, visibility=ThreadVisibility.ALL)
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(thread, author=world.focal_point, body="About witnesses")
    with django_capture_on_commit_callbacks(execute=True):
        edit_comment(comment, editor=world.focal_point, body="About whistleblowers")
    assert not search_documents(world.focal_point, query="witnesses").exists()
    assert search_documents(world.focal_point, query="whistleblowers").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        delete_comment(comment, by=world.focal_point)

    assert not search_documents(world.focal_point, query="whistleblowers").exists()
    assert not SearchDocument.objects.filter(kind=DocumentKind.COMMENT).exists()


def test_outputs_are_indexed_when_written_and_an_observation_removed_is_forgotten(
    world, django_capture_on_commit_callbacks
):
    world.review.step = Step.FEEDBACK
    world.review.save()
    ensure_outputs(world.review)
    feedback = Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU")
    with django_capture_on_commit_callbacks(execute=True):
        save_feedback(feedback, text="Feedback on jurisdiction", user=world.reviewing_expert)
    world.review.step = Step.OBSERVATIONS
    world.review.save()
    observations = ObservationList.objects.get(review=world.review, reviewing_state__iso3="DEU")
    with django_capture_on_commit_callbacks(execute=True):
        item = add_observation(
            observations, category=ObservationCategory.GAP, text="Gap in sanctions", user=world.reviewing_expert
        )
    world.review.step = Step.SUMMARY
    world.review.save()
    with django_capture_on_commit_callbacks(execute=True):
        save_summary(Summary.objects.get(review=world.review), text="Summary of sanctions", user=world.focal_point)

    assert search_documents(world.secretariat, query="jurisdiction").get().kind == DocumentKind.FEEDBACK
    assert sorted(search_documents(world.secretariat, query="sanctions").values_list("kind", flat=True)) == [
        "observation",
        "summary",
    ]

    world.review.step = Step.OBSERVATIONS
    world.review.save()
    with django_capture_on_commit_callbacks(execute=True):
        remove_observation(item, user=world.reviewing_expert)

    assert list(search_documents(world.secretariat, query="sanctions").values_list("kind", flat=True)) == ["summary"]


def test_deleting_a_review_takes_its_documents_away(world, corpus):
    pk = world.other_review.pk
    assert SearchDocument.objects.filter(review_id=pk).exists()

    world.other_review.delete()

    assert not SearchDocument.objects.filter(review_id=pk).exists()


def test_the_rebuild_command_reports_counts_and_twice_gives_the_same_index(world, corpus):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    first = sorted(SearchDocument.objects.values_list("kind", "source_id", "language"))
    call_command("rebuild_search_index", stdout=StringIO())

    assert sorted(SearchDocument.objects.values_list("kind", "source_id", "language")) == first
    lines = out.getvalue().splitlines()
    assert lines[:6] == ["question: 18", "answer: 2", "comment: 8", "feedback: 4", "observation: 2", "summary: 2"]
    assert lines[6] == f"search index rebuilt: {len(first)} documents"
