"""Review cycles in the API: who reads which, and the secretariat's writes through the cycle services."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from reviews.enums import CycleStatus, ParticipantRole
from reviews.models import ReviewCycle
from reviews.services import add_participant
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import api_client_as
from tests.factories import UserFactory
from tests.factories.reviews import cycle, participant, review

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "stranger", "outsider", "anonymous")
NEW = {"title": "Cluster II, 2027", "cluster": 2, "first_year": 2027, "group_count": 3, "instruments": ["untoc", "tip"]}


@pytest.fixture
def outsider(world):
    """A focal point of a review in another cycle."""
    return participant(
        review(of="ITA", in_cycle=cycle(title="Other cycle")), iso3="ITA", role=ParticipantRole.FOCAL_POINT
    )


TABLE = {
    "list": ("get", "/api/v1/cycles/", (200, 200, 200, 200, 200, 200, 401)),
    "detail": ("get", "/api/v1/cycles/{cycle}/", (200, 404, 200, 200, 200, 404, 401)),
    "create": ("post", "/api/v1/cycles/", (201, 403, 403, 403, 403, 403, 401)),
    "update": ("put", "/api/v1/cycles/{cycle}/", (200, 404, 403, 403, 403, 404, 401)),
    "partial update": ("patch", "/api/v1/cycles/{cycle}/", (200, 404, 403, 403, 403, 404, 401)),
}


@pytest.mark.parametrize("name", TABLE)
def test_cycle_api_permission_table(world, outsider, name):
    method, template, expected = TABLE[name]
    the_cycle = world.review.cycle
    url = template.format(cycle=the_cycle.pk)
    statuses = {}
    for person in PEOPLE:
        data = NEW | {"title": f"By {person}", "cluster": 1, "first_year": 2026} if method != "get" else None
        response = getattr(api_client_as(world, person, outsider), method)(url, data, format="json")
        statuses[person] = response.status_code

    assert statuses == dict(zip(PEOPLE, expected, strict=True))
    titles = set(ReviewCycle.objects.values_list("title", flat=True))
    assert titles - {"Cluster I cycle", "Other cycle", "By secretariat"} == set()


def test_participants_list_only_the_cycles_of_their_reviews(world, outsider):
    cycle(title="Nobody's cycle")

    mine = api_client_as(world, "outsider", outsider).get("/api/v1/cycles/").json()
    everything = api_client_as(world, "secretariat", outsider).get("/api/v1/cycles/").json()
    trainer = api_client_as(world, "trainer", outsider).get("/api/v1/cycles/").json()

    assert [item["title"] for item in mine["results"]] == ["Other cycle"]
    assert sorted(item["title"] for item in everything["results"]) == [
        "Cluster I cycle",
        "Nobody's cycle",
        "Other cycle",
    ]
    assert trainer["count"] == 0


def test_secretariat_creates_a_cycle_through_the_service_with_audit(world, outsider):
    response = api_client_as(world, "secretariat", outsider).post("/api/v1/cycles/", NEW, format="json")

    assert response.status_code == 201
    body = response.json()
    created = ReviewCycle.objects.get(pk=body["id"])
    assert (body["title"], body["cluster"], body["status"], sorted(body["instruments"])) == (
        "Cluster II, 2027",
        2,
        CycleStatus.PLANNED,
        ["tip", "untoc"],
    )
    assert sorted(created.instruments.values_list("code", flat=True)) == ["tip", "untoc"]
    entry = AuditEntry.objects.get(action=AuditAction.CYCLE_CREATED)
    assert (entry.actor, entry.target_id) == (world.secretariat, str(created.pk))


def test_secretariat_corrects_a_cycle_and_keeps_its_instruments(world, outsider):
    the_cycle = world.review.cycle

    response = api_client_as(world, "secretariat", outsider).patch(
        f"/api/v1/cycles/{the_cycle.pk}/", {"title": "Renamed"}, format="json"
    )

    assert response.status_code == 200
    the_cycle.refresh_from_db()
    assert the_cycle.title == "Renamed"
    assert AuditEntry.objects.filter(action=AuditAction.CYCLE_CHANGED, actor=world.secretariat).count() == 1


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"instruments": ["tip"]}, {"instruments": ["Every cycle reviews the Convention: include untoc."]}),
        ({"cluster": 9}, {"cluster": ["Object with number=9 does not exist."]}),
        ({"group_count": 9}, {"group_count": ["Ensure this value is less than or equal to 5."]}),
        ({"instruments": ["untoc", "nope"]}, {"instruments": ["Object with code=nope does not exist."]}),
    ],
)
def test_bad_cycle_data_is_refused_by_field_and_nothing_is_made(world, outsider, changes, errors):
    response = api_client_as(world, "secretariat", outsider).post("/api/v1/cycles/", NEW | changes, format="json")

    assert (response.status_code, response.json()) == (400, errors)
    assert not ReviewCycle.objects.filter(title=NEW["title"]).exists()


def test_a_closed_cycle_is_not_changed_through_the_api(world, outsider):
    the_cycle = world.review.cycle
    ReviewCycle.objects.filter(pk=the_cycle.pk).update(status=CycleStatus.CLOSED)

    response = api_client_as(world, "secretariat", outsider).patch(
        f"/api/v1/cycles/{the_cycle.pk}/", {"title": "X"}, format="json"
    )

    assert (response.status_code, response.json()) == (400, {"non_field_errors": ["A closed cycle cannot be changed."]})
    the_cycle.refresh_from_db()
    assert the_cycle.title == "Cluster I cycle"


@pytest.mark.parametrize("count", [1, 5])
def test_cycle_list_query_count_is_constant(django_assert_num_queries, count):
    expert = UserFactory()
    for index in range(count):
        participant_review = review(of="DEU", same_region="FRA", other_region="BRA", in_cycle=cycle(title=f"C{index}"))
        add_participant(participant_review, user=expert, role=ParticipantRole.EXPERT)
    client = APIClient()
    client.force_authenticate(expert)

    with django_assert_num_queries(3):
        body = client.get("/api/v1/cycles/").json()

    assert body["count"] == count


def test_the_languages_a_cycle_requires_are_set_and_read_through_the_api(world, outsider):
    the_cycle = world.review.cycle
    client = api_client_as(world, "secretariat", outsider)

    refused = client.patch(f"/api/v1/cycles/{the_cycle.pk}/", {"required_languages": ["en", "xx"]}, format="json")
    accepted = client.patch(f"/api/v1/cycles/{the_cycle.pk}/", {"required_languages": ["fr", "ar"]}, format="json")

    assert refused.status_code == 400
    assert set(refused.json()["required_languages"]) == {"0", "1"}
    assert accepted.status_code == 200
    assert accepted.json()["required_languages"] == ["ar", "fr"]
    the_cycle.refresh_from_db()
    assert the_cycle.required_languages == ["ar", "fr"]
