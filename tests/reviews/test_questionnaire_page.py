"""The questionnaire read page, cached per question: each change shows at once and renders one question again.

A fragment is counted each time the question template renders (the test client records every
template a request renders): the page after one change must render exactly the questions the
change touched, and a fragment rendered for one reader is never served to a reader of other rights.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from reviews.enums import Step
from reviews.models import Question
from reviews.questionnaire_versions import mark_changed
from reviews.services import (
    add_evidence,
    clear_answers,
    get_or_create_thread,
    post_comment,
    return_to_drafting,
    save_answer,
    withdraw_evidence,
)
from reviews.views.questionnaire_page import FRAGMENT_TEMPLATE
from tests.clients import without_csrf_tokens
from tests.factories.reviews import cycle, participant, published_questionnaire, review

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ASKED = 8  # the world's questionnaire: 8 questions, the 2 follow-ups not asked until their parent says yes


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def media_in_memory(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}


def url(world, language: str = "en") -> str:
    with translation.override(language):
        return reverse(
            "reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk}
        )


def visit(client, world, user, language: str = "en") -> tuple[str, int]:
    """The page's HTML and how many question fragments it rendered."""
    client.force_login(user)
    response = client.get(url(world, language))
    assert response.status_code == 200
    rendered = [template.name for template in response.templates].count(FRAGMENT_TEMPLATE)
    return response.content.decode(), rendered


def question(world, number: str) -> Question:
    return world.questionnaire.questions.get(number=number)


def test_a_second_view_renders_no_question(client, world):
    first = visit(client, world, world.focal_point)
    second = visit(client, world, world.focal_point)

    assert (first[1], second[1]) == (ASKED, 0)
    assert without_csrf_tokens(second[0]) == without_csrf_tokens(first[0])


def test_after_one_save_the_page_renders_that_question_only(client, world):
    save_answer(world.review, question(world, "2"), value="First words", base_revision=0, user=world.expert)
    visit(client, world, world.focal_point)

    save_answer(world.review, question(world, "2"), value="Second words", base_revision=1, user=world.expert)
    body, rendered = visit(client, world, world.focal_point)

    assert rendered == 1
    assert ("Second words" in body, "First words" in body) == (True, False)
    assert "2 revisions" in body


def test_a_parent_answered_yes_shows_its_follow_up_and_renders_two_questions(client, world):
    visit(client, world, world.focal_point)

    save_answer(world.review, question(world, "1"), value="yes", base_revision=0, user=world.expert)
    body, rendered = visit(client, world, world.focal_point)

    assert rendered == 2  # the answer and its follow-up, now asked
    assert "Please cite the applicable legislation." in body
    assert "1 of 9 required questions answered" in body  # the progress in the cached frame follows


def test_clearing_and_returning_an_answer_renders_it_again_and_keeps_it(client, world):
    text = question(world, "2")
    save_answer(world.review, text, value="To be cleared", base_revision=0, user=world.expert)
    visit(client, world, world.focal_point)

    clear_answers(world.review, [text], user=world.focal_point)
    cleared = visit(client, world, world.focal_point)
    return_to_drafting(world.review, [text], user=world.focal_point)
    returned = visit(client, world, world.focal_point)

    # Returned, the answer is again as first seen: that fragment, still cached, is right again.
    assert (cleared[1], returned[1]) == (1, 0)
    assert "To be cleared" in cleared[0]
    assert "To be cleared" in returned[0]


def test_evidence_added_then_withdrawn_shows_at_once(client, world):
    text = question(world, "2")
    save_answer(world.review, text, value="See the code", base_revision=0, user=world.expert)
    visit(client, world, world.focal_point)

    evidence = add_evidence(
        world.review,
        text,
        upload=SimpleUploadedFile("law.pdf", PDF, content_type="application/pdf"),
        title="Penal code, art. 5",
        language="fr",
        user=world.focal_point,
    )
    added = visit(client, world, world.focal_point)
    withdraw_evidence(evidence, user=world.focal_point)
    withdrawn = visit(client, world, world.focal_point)

    assert ("Penal code, art. 5" in added[0], "Penal code, art. 5" in withdrawn[0]) == (True, False)
    # Withdrawn, the answer is again as first seen: that fragment, still cached, is right again.
    assert (added[1], withdrawn[1]) == (1, 0)


def test_a_comment_posted_changes_the_count_of_its_question_only(client, world):
    visit(client, world, world.focal_point)

    thread = get_or_create_thread(world.review, question=question(world, "2"), visibility="all")
    post_comment(thread, author=world.expert, body="A remark")
    body, rendered = visit(client, world, world.focal_point)

    assert rendered == 1
    assert "Discussion (1 comment)" in body


def test_each_language_has_its_fragments(client, world):
    visit(client, world, world.focal_point)

    french = visit(client, world, world.focal_point, "fr")
    english = visit(client, world, world.focal_point, "en")

    assert (french[1], english[1]) == (ASKED, 0)
    assert '<span class="q-number">3</span> Question 3</h3>' in french[0]
    assert '<span class="q-number">3</span> Question 3 (' in english[0]


def test_a_translation_saved_on_the_published_questionnaire_shows_on_the_next_view(
    client, world, django_capture_on_commit_callbacks
):
    visit(client, world, world.focal_point, "fr")

    Question.objects.filter(pk=question(world, "3").pk).update(text_fr="Question trois")
    with django_capture_on_commit_callbacks(execute=True):
        mark_changed(world.questionnaire)  # what every translation service does (questionnaires.services)
    body, rendered = visit(client, world, world.focal_point, "fr")

    assert "Question trois" in body
    assert rendered == ASKED


def test_another_role_never_gets_the_fragments_of_the_focal_point(client, world):
    thread = get_or_create_thread(world.review, question=question(world, "2"), visibility="all")
    post_comment(thread, author=world.focal_point, body="For the dialogue")
    focal_point = visit(client, world, world.focal_point)

    contributor = visit(client, world, world.contributor)  # a national contributor: no dialogue
    expert = visit(client, world, world.expert)
    secretariat = visit(client, world, world.secretariat)

    assert (focal_point[1], contributor[1], expert[1], secretariat[1]) == (ASKED, ASKED, ASKED, ASKED)
    assert "Discussion (1 comment)" in focal_point[0]
    assert "Discussion (1 comment)" not in contributor[0]
    assert "Discussion (1 comment)" in expert[0]


@pytest.fixture
def submitted(world):
    world.review.step = Step.FEEDBACK
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])
    return world


def test_the_reviewing_side_and_the_contributor_never_share_a_fragment(client, submitted):
    world = submitted
    reviewing = get_or_create_thread(world.review, question=question(world, "2"), visibility="reviewing")
    post_comment(reviewing, author=world.reviewing_expert, body="Between reviewers only")

    focal_point = visit(client, world, world.focal_point)
    expert = visit(client, world, world.reviewing_expert)
    contributor = visit(client, world, world.contributor)
    again = visit(client, world, world.reviewing_expert)

    assert (focal_point[1], expert[1], contributor[1], again[1]) == (ASKED, ASKED, ASKED, 0)
    assert "Discussion (1 comment)" in expert[0]
    assert "Discussion (1 comment)" not in focal_point[0]
    assert "Discussion (1 comment)" not in contributor[0]


def test_the_reviewing_focal_point_and_expert_share_fragments_as_they_share_rights(client, submitted):
    visit(client, submitted, submitted.reviewing_expert)

    assert visit(client, submitted, submitted.reviewing_focal_point)[1] == 0


@pytest.mark.parametrize("person", ["stranger", "other_contributor", "stakeholder", "nobody"])
def test_people_outside_the_review_get_404_even_with_the_page_cached(client, world, person):
    visit(client, world, world.focal_point)
    client.force_login(getattr(world, person))

    assert client.get(url(world)).status_code == 404


def test_the_reviewing_side_gets_404_before_submission(client, world):
    client.force_login(world.reviewing_expert)

    assert client.get(url(world)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(url(world))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


@pytest.mark.parametrize("questions", [10, 300])
def test_the_page_just_after_a_save_runs_the_same_queries_at_10_and_300_questions(
    client, django_assert_num_queries, questions
):
    questionnaire = published_questionnaire(questions=questions, sections=5)
    country_review = review(of="FRA", questionnaire=questionnaire, in_cycle=cycle(), step=Step.SAQ_DRAFTING)
    expert = participant(country_review, iso3="FRA")
    texts = list(questionnaire.questions.filter(kind="text").order_by("order")[:2])
    for item in texts:
        save_answer(country_review, item, value="Answered", base_revision=0, user=expert)
    client.force_login(expert)
    page = f"/en/reviews/{country_review.pk}/questionnaires/{questionnaire.pk}/"
    client.get(page)
    save_answer(country_review, texts[0], value="Changed", base_revision=1, user=expert)

    # The outline (sections, questions, answers with their evidence stamps) and the comment
    # counts, then the one question rendered again: its text, its choices, its evidence files.
    with django_assert_num_queries(14):
        response = client.get(page)

    assert [template.name for template in response.templates].count(FRAGMENT_TEMPLATE) == 1
    assert response.content.decode().count("Answered") == 1
