"""Questionnaires in the API: who reads which, the secretariat's documents, and the round trip."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from reviews.enums import ParticipantRole, QuestionnaireStatus
from reviews.models import Questionnaire
from reviews.questionnaire_io import export_questionnaire, import_questionnaire
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import api_client_as
from tests.factories.reviews import cycle, participant, published_questionnaire, questionnaire_data, review

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "stranger", "outsider", "anonymous")


@pytest.fixture
def outsider(world):
    """A focal point of a review, in another cycle, that answers another questionnaire."""
    other = review(of="ITA", in_cycle=cycle(title="Other cycle"), questionnaire=published_questionnaire(cluster=2))
    return participant(other, iso3="ITA", role=ParticipantRole.FOCAL_POINT)


@pytest.fixture
def draft(world):
    return import_questionnaire(questionnaire_data(questions=3, sections=1, version=90))


TABLE = {
    "list": ("get", "/api/v1/questionnaires/", (200, 200, 200, 200, 200, 200, 401)),
    "published detail": ("get", "/api/v1/questionnaires/{published}/", (200, 404, 200, 200, 200, 404, 401)),
    "draft detail": ("get", "/api/v1/questionnaires/{draft}/", (200, 404, 404, 404, 404, 404, 401)),
    "published document": ("get", "/api/v1/questionnaires/{published}/document/", (200, 404, 200, 200, 200, 404, 401)),
    "draft document": ("get", "/api/v1/questionnaires/{draft}/document/", (200, 404, 404, 404, 404, 404, 401)),
    "create": ("post", "/api/v1/questionnaires/", (201, 403, 403, 403, 403, 403, 401)),
}


@pytest.mark.parametrize("name", TABLE)
def test_questionnaire_api_permission_table(world, outsider, draft, name):
    method, template, expected = TABLE[name]
    url = template.format(published=world.questionnaire.pk, draft=draft.pk)
    before = Questionnaire.objects.count()
    statuses = {}
    for person in PEOPLE:
        client = api_client_as(world, person, outsider)
        if method == "post":
            response = client.post(url, questionnaire_data(version=100 + PEOPLE.index(person)), format="json")
        else:
            response = client.get(url)
        statuses[person] = response.status_code

    assert statuses == dict(zip(PEOPLE, expected, strict=True))
    assert Questionnaire.objects.count() == before + (1 if method == "post" else 0)


def test_each_person_lists_what_they_may_read(world, outsider, draft):
    def listed(person):
        body = api_client_as(world, person, outsider).get("/api/v1/questionnaires/").json()
        return sorted((item["id"], item["status"]) for item in body["results"])

    published = (world.questionnaire.pk, QuestionnaireStatus.PUBLISHED)
    assert listed("focal_point") == [published]
    assert listed("stranger") == [published]
    assert listed("trainer") == []
    assert listed("outsider") == [(outsider.participations.get().review.questionnaires.get().pk, "published")]
    assert (draft.pk, QuestionnaireStatus.DRAFT) in listed("secretariat")
    assert len(listed("secretariat")) == 3


def test_detail_nests_sections_questions_and_choices(world, outsider):
    body = api_client_as(world, "expert", outsider).get(f"/api/v1/questionnaires/{world.questionnaire.pk}/").json()

    assert [section["order"] for section in body["sections"]] == [1, 2]
    assert body["sections"][0]["article"] == "5"
    first = body["sections"][0]["questions"]
    assert [(q["number"], q["kind"]) for q in first[:3]] == [("1", "yes_no"), ("1.1", "legislation"), ("2", "text")]
    choice_question = next(q for q in first if q["kind"] == "single_choice")
    assert [choice["key"] for choice in choice_question["choices"]] == ["fully", "partly", "not"]


def test_a_document_round_trips(world, outsider):
    client = api_client_as(world, "secretariat", outsider)
    document = client.get(f"/api/v1/questionnaires/{world.questionnaire.pk}/document/").json()
    document["version"] = 77

    created = client.post("/api/v1/questionnaires/", document, format="json")

    assert created.status_code == 201
    assert created.json()["status"] == QuestionnaireStatus.DRAFT
    copy_of = Questionnaire.objects.get(pk=created.json()["id"])
    assert export_questionnaire(copy_of) == document
    assert client.get(f"/api/v1/questionnaires/{copy_of.pk}/document/").json() == document
    entry = AuditEntry.objects.get(action=AuditAction.QUESTIONNAIRE_CREATED)
    assert (entry.actor, entry.target_id, entry.data["version"]) == (world.secretariat, str(copy_of.pk), 77)


def bad(change) -> dict:
    document = questionnaire_data(questions=3, sections=1, version=55)
    change(document)
    return document


@pytest.mark.parametrize(
    ("document", "errors"),
    [
        (
            bad(lambda d: d["sections"][0]["questions"][1].update(kind="essay")),
            {
                "sections[0].questions[1].kind": [
                    "'essay' is not one of yes_no, text, single_choice, multiple_choice, number, date, legislation"
                ]
            },
        ),
        (bad(lambda d: d.pop("title")), {"title": ["is missing"]}),
        (bad(lambda d: d.update(cluster="one")), {"cluster": ["must be int, not str"]}),
        (bad(lambda d: d.update(format="other/1")), {"format": ["must be revmod-questionnaire/1"]}),
        (
            bad(lambda d: d["sections"][0]["questions"][0]["text"].update(xx="?")),
            {"sections[0].questions[0].text": ["unknown language xx (use ar, zh-hans, en, fr, ru, es, pt)"]},
        ),
    ],
)
def test_a_bad_document_names_the_field_and_creates_nothing(world, outsider, document, errors):
    before = Questionnaire.objects.count()

    response = api_client_as(world, "secretariat", outsider).post("/api/v1/questionnaires/", document, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert Questionnaire.objects.count() == before
    assert not AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_CREATED).exists()


def test_a_version_that_exists_is_refused(world, outsider):
    document = questionnaire_data(questions=2, sections=1, version=world.questionnaire.version)

    response = api_client_as(world, "secretariat", outsider).post("/api/v1/questionnaires/", document, format="json")

    message = f"version {world.questionnaire.version} of this questionnaire exists already; use a new number"
    assert (response.status_code, response.json()) == (400, {"version": [message]})
    assert not Questionnaire.objects.filter(status=QuestionnaireStatus.DRAFT).exists()


def test_a_body_that_is_not_an_object_is_refused(world, outsider):
    response = api_client_as(world, "secretariat", outsider).post("/api/v1/questionnaires/", [1, 2], format="json")

    assert (response.status_code, response.json()) == (
        400,
        {"non_field_errors": ["The body must be a questionnaire document (a JSON object)."]},
    )


@pytest.mark.parametrize("count", [1, 5])
def test_questionnaire_list_query_count_is_constant(world, django_assert_num_queries, count):
    for index in range(count - 1):
        import_questionnaire(questionnaire_data(questions=4, sections=2, version=200 + index))
    client = APIClient()
    client.force_authenticate(world.secretariat)

    with django_assert_num_queries(5):
        body = client.get("/api/v1/questionnaires/").json()

    assert body["count"] == count


@pytest.mark.parametrize("count", [1, 5])
def test_participants_questionnaire_list_query_count_is_constant(world, django_assert_num_queries, count):
    for index in range(count - 1):
        world.review.questionnaires.add(
            published_questionnaire(questions=2, sections=1, instrument="tip", cluster=index + 1)
        )
    client = APIClient()
    client.force_authenticate(world.expert)

    with django_assert_num_queries(5):
        body = client.get("/api/v1/questionnaires/").json()

    assert body["count"] == count
