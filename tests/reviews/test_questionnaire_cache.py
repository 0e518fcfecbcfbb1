"""The questionnaire page keeps its rendered questions in the cache: never stale, never another audience's."""

from __future__ import annotations

import pytest
from django.utils import timezone

from reviews.enums import Step, ThreadVisibility
from reviews.services import delete_comment, get_or_create_thread, post_comment, save_answer

pytestmark = pytest.mark.django_db


def page(client, world, user, language: str = "en") -> str:
    client.force_login(user)
    response = client.get(f"/{language}/reviews/{world.review.pk}/questionnaires/{world.questionnaire.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def question(world, number: str = "2"):
    return world.questionnaire.questions.get(number=number)


@pytest.fixture
def in_dialogue(world):
    """Submitted and in dialogue: both sides read the answers, nobody answers, so only audiences differ."""
    world.review.step = Step.DIALOGUE
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])
    return world


def discussion_link(world, body: str, number: str = "2") -> str:
    href = f'/en/reviews/{world.review.pk}/questions/{question(world, number).pk}/discussion/"'
    return body.split(href, 1)[1].split("</a>", 1)[0]


def test_a_saved_answer_shows_at_once(client, world):
    page(client, world, world.expert)  # rendered and kept
    save_answer(world.review, question(world), value="Penal code, art. 12", base_revision=0, user=world.focal_point)

    assert "Penal code, art. 12" in page(client, world, world.expert)


def test_a_changed_answer_replaces_the_old_one(client, world):
    save_answer(world.review, question(world), value="First wording", base_revision=0, user=world.expert)
    page(client, world, world.expert)
    save_answer(world.review, question(world), value="Second wording", base_revision=1, user=world.expert)

    body = page(client, world, world.expert)

    assert "Second wording" in body
    assert "First wording" not in body


def test_comment_counts_follow_new_and_deleted_comments(client, in_dialogue):
    world = in_dialogue
    thread = get_or_create_thread(world.review, question=question(world), visibility=ThreadVisibility.ALL)
    assert ">Discussion (0 comments)" in discussion_link(world, page(client, world, world.expert))

    comment = post_comment(thread, author=world.reviewing_expert, body="Which court?")
    assert ">Discussion (1 comment)" in discussion_link(world, page(client, world, world.expert))

    delete_comment(comment, by=world.reviewing_expert)
    assert ">Discussion (0 comments)" in discussion_link(world, page(client, world, world.expert))


@pytest.mark.parametrize("first", ["reviewing_expert", "expert"])
def test_the_reviewed_side_never_gets_the_reviewing_sides_counts(client, in_dialogue, first):
    world = in_dialogue
    private = get_or_create_thread(world.review, question=question(world), visibility=ThreadVisibility.REVIEWING)
    post_comment(private, author=world.reviewing_expert, body="Between us: the answer seems incomplete.")
    page(client, world, getattr(world, first))  # whoever comes first fills the cache

    reviewing = discussion_link(world, page(client, world, world.reviewing_expert))
    reviewed = discussion_link(world, page(client, world, world.expert))

    assert ">Discussion (1 comment)" in reviewing
    assert ">Discussion (0 comments)" in reviewed


def test_each_language_gets_its_own_rendering(client, world):
    english = page(client, world, world.expert, "en")
    french = page(client, world, world.expert, "fr")

    assert '<span class="q-number">1</span> Question 1 (' in english
    assert '<span class="q-number">1</span> Question 1</h3>' in french
    assert 'href="/fr/reviews/' in french
    assert 'href="/en/reviews/' not in french.split("<main", 1)[1].split("</main>", 1)[0]


def test_answer_links_show_only_to_those_who_may_answer(client, world):
    answering = page(client, world, world.expert)
    world.review.step = Step.FEEDBACK
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])
    reading = page(client, world, world.expert)

    assert "Answer this section" in answering
    assert "Answer this section" not in reading
