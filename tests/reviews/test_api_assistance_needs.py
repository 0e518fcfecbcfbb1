"""The API carries the structured technical-assistance needs of answers and observations, in the caller's language."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from reviews.enums import ObservationCategory
from reviews.models import Answer, Article, AssistanceCategory, AssistanceNeed, Observation, ObservationList
from reviews.services import ensure_outputs, save_answer

pytestmark = pytest.mark.django_db


def answered(world, number: str, text: str) -> Answer:
    question = world.questionnaire.questions.get(number=number)
    return save_answer(world.review, question, value=text, base_revision=0, user=world.focal_point)


def need(*, code: str, text: str, answer=None, observation=None, article=None) -> AssistanceNeed:
    return AssistanceNeed.objects.create(
        category=AssistanceCategory.objects.get(code=code),
        answer=answer,
        observation=observation,
        article=article,
        priority="high",
        text=text,
    )


def test_answers_carry_their_needs_with_kind_article_and_priority(world):
    article = Article.objects.filter(instrument__isnull=False).select_related("instrument").first()
    answer = answered(world, "2", "We lack trainers.")
    need(code="training", text="Train 40 prosecutors", answer=answer, article=article)
    need(code="equipment", text="Forensic laboratory", answer=answer)
    client = APIClient()
    client.force_authenticate(world.expert)

    body = client.get(f"/api/v1/reviews/{world.review.pk}/answers/", HTTP_ACCEPT_LANGUAGE="fr").json()

    shown = next(item for item in body["results"] if item["number"] == "2")
    assert [(n["category"], n["priority"], n["text"]) for n in shown["assistance_needs"]] == [
        ("training", "high", "Train 40 prosecutors"),
        ("equipment", "high", "Forensic laboratory"),
    ]
    first = shown["assistance_needs"][0]
    assert (first["instrument"], first["article"]) == (article.instrument.code, article.number)
    assert shown["assistance_needs"][1]["article"] is None
    with translation.override("fr"):
        assert first["category_name"] == AssistanceCategory.objects.get(code="training").name


def test_observation_items_carry_their_needs(world):
    ensure_outputs(world.review)
    observations = ObservationList.objects.filter(review=world.review).first()
    item = Observation.objects.create(
        observation_list=observations, category=ObservationCategory.ASSISTANCE, text="Needs help"
    )
    need(code="legislative-drafting", text="Draft the witness protection law", observation=item)
    client = APIClient()
    client.force_authenticate(world.secretariat)

    body = client.get(f"/api/v1/reviews/{world.review.pk}/outputs/").json()

    items = [entry for shown in body["lists"] for entry in shown["items"]]
    assert [n["text"] for entry in items for n in entry["assistance_needs"]] == ["Draft the witness protection law"]


def test_an_answer_written_through_the_api_answers_with_its_needs(world):
    answer = answered(world, "2", "First")
    need(code="training", text="Kept", answer=answer)
    client = APIClient()
    client.force_authenticate(world.focal_point)
    question = world.questionnaire.questions.get(number="2")

    body = client.put(
        f"/api/v1/reviews/{world.review.pk}/answers/{question.pk}/",
        {"value": "Second", "base_revision": 1},
        format="json",
    ).json()

    assert [n["text"] for n in body["assistance_needs"]] == ["Kept"]


@pytest.mark.parametrize("needs", [1, 6])
def test_answer_list_query_count_does_not_grow_with_needs(world, django_assert_num_queries, needs):
    answer = answered(world, "2", "Answer")
    for index in range(needs):
        need(code="training" if index % 2 else "equipment", text=f"Need {index}", answer=answer)
    client = APIClient()
    client.force_authenticate(world.expert)

    with django_assert_num_queries(6):
        body = client.get(f"/api/v1/reviews/{world.review.pk}/answers/").json()

    assert [len(item["assistance_needs"]) for item in body["results"]] == [needs]
