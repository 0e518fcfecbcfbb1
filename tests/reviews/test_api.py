"""The API against the same permission table as the pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reviews.enums import ParticipantRole, Step
from reviews.services import add_participant, get_or_create_thread, post_comment
from tests.factories import UserFactory, state
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "focal_point", "expert", "reviewing_expert", "observer", "stranger", "nobody", "anonymous")

TABLE = {
    "review detail": ("get", "/api/v1/reviews/{review}/", (200, 200, 200, 200, 200, 404, 404, 401)),
    "answers": ("get", "/api/v1/reviews/{review}/answers/", (200, 200, 200, 404, 404, 404, 404, 401)),
    "answer write": ("put", "/api/v1/reviews/{review}/answers/{question}/", (200, 200, 200, 403, 403, 404, 404, 401)),
    "comments": ("get", "/api/v1/reviews/{review}/comments/", (200, 200, 200, 200, 200, 404, 404, 401)),
    "comment write": ("post", "/api/v1/reviews/{review}/comments/", (201, 201, 201, 201, 403, 404, 404, 401)),
    "outputs": ("get", "/api/v1/reviews/{review}/outputs/", (200, 200, 200, 200, 200, 404, 404, 401)),
    # The published questionnaires of one's reviews: France and Egypt both answer this one.
    "questionnaire": ("get", "/api/v1/questionnaires/{questionnaire}/", (200, 200, 200, 200, 200, 200, 404, 401)),
}


def call(client, world, method: str, template: str):
    question = world.questionnaire.questions.get(number="2")
    url = template.format(review=world.review.pk, question=question.pk, questionnaire=world.questionnaire.pk)
    if method == "put":
        answer = question.answers.filter(review=world.review).first()
        return client.put(url, {"value": "Text", "base_revision": answer.revision if answer else 0}, format="json")
    if method == "post":
        return client.post(url, {"body": "Hello", "visibility": "all"}, format="json")
    return client.get(url)


@pytest.mark.parametrize("name", TABLE)
def test_api_permission_table(world, name):
    method, template, expected = TABLE[name]
    actual = []
    for person in PEOPLE:
        client = APIClient()
        if person != "anonymous":
            client.force_authenticate(getattr(world, person))
        actual.append(call(client, world, method, template).status_code)

    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


def test_review_list_shows_only_ones_own_reviews(world):
    client = APIClient()
    client.force_authenticate(world.stranger)

    body = client.get("/api/v1/reviews/").json()

    assert [item["state"] for item in body["results"]] == ["EGY"]
    assert body["count"] == 1


def test_filters_reject_bad_values_and_injection_finds_nothing(world):
    client = APIClient()
    client.force_authenticate(world.secretariat)

    bad = client.get("/api/v1/reviews/", {"step": "drafting' OR 1=1 --"})
    none = client.get("/api/v1/reviews/", {"step": Step.SUMMARY})

    assert bad.status_code == 400
    assert list(bad.json()) == ["step"]
    assert none.json()["count"] == 0


def test_a_stale_answer_write_answers_409_with_the_current_version(world):
    client = APIClient()
    client.force_authenticate(world.expert)
    question = world.questionnaire.questions.get(number="2")
    url = f"/api/v1/reviews/{world.review.pk}/answers/{question.pk}/"

    first = client.put(url, {"value": "First", "base_revision": 0}, format="json")
    stale = client.put(url, {"value": "Second", "base_revision": 0}, format="json")

    assert first.json()["revision"] == 1
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == "First"


def test_comments_since_an_id_skip_what_the_person_may_not_read(world):
    thread = get_or_create_thread(world.review, question=None, visibility="all")
    private = get_or_create_thread(world.review, question=None, visibility="reviewing")
    first = post_comment(thread, author=world.expert, body="One")
    post_comment(private, author=world.reviewing_expert, body="Reviewers only")
    third = post_comment(thread, author=world.reviewing_expert, body="Three")
    client = APIClient()
    client.force_authenticate(world.focal_point)

    body = client.get(f"/api/v1/reviews/{world.review.pk}/comments/", {"after": first.pk}).json()

    assert [item["id"] for item in body["results"]] == [third.pk]


def test_personal_token_authenticates(world):
    token = Token.objects.create(user=world.focal_point)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert client.get(f"/api/v1/reviews/{world.review.pk}/").json()["state"] == "FRA"


@pytest.mark.parametrize("count", [1, 5])
def test_review_list_query_count_is_constant(django_assert_num_queries, count):
    expert = UserFactory(state=state("FRA"))
    the_cycle = cycle()
    for iso3 in ["DEU", "ITA", "ESP", "NLD", "BEL"][:count]:
        add_participant(
            review(of=iso3, same_region="FRA", other_region="BRA", in_cycle=the_cycle),
            user=expert,
            role=ParticipantRole.EXPERT,
        )
    client = APIClient()
    client.force_authenticate(expert)

    with django_assert_num_queries(6):
        body = client.get("/api/v1/reviews/").json()

    assert body["count"] == count


@pytest.mark.parametrize("count", [1, 5])
def test_comment_list_query_count_is_constant(world, django_assert_num_queries, count):
    thread = get_or_create_thread(world.review, question=None, visibility="all")
    for index in range(count):
        post_comment(thread, author=world.expert, body=f"Comment {index}")
    client = APIClient()
    client.force_authenticate(world.focal_point)

    with django_assert_num_queries(4):
        body = client.get(f"/api/v1/reviews/{world.review.pk}/comments/").json()

    assert body["count"] == count


def test_the_openapi_schema_is_valid(tmp_path):
    path = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    text = path.read_text(encoding="utf-8")
    assert "/api/v1/reviews/{id}/answers/{question_id}/" in text
    assert "openapi: 3." in text


def test_finalized_reviews_take_no_comment_through_the_api(world):
    world.review.step = Step.FINALIZED
    world.review.submitted_at = timezone.now()
    world.review.save()
    client = APIClient()
    client.force_authenticate(world.focal_point)

    response = client.post(
        f"/api/v1/reviews/{world.review.pk}/comments/", {"body": "x", "visibility": "all"}, format="json"
    )

    assert response.status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/reviews/null/",
        "/api/v1/reviews/null,null/answers/",
        "/api/v1/questionnaires/x/",
        "/api/v1/reviews/1e3/comments/",
    ],
)
def test_ids_that_are_not_numbers_answer_404(world, path):
    client = APIClient()
    client.force_authenticate(world.focal_point)

    assert client.get(path).status_code == 404
