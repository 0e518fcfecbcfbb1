"""GET /api/v1/search/: the page's documents, rules and filters, paged, in the OpenAPI schema."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.clients import api_client_as

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"


@pytest.mark.parametrize(
    ("person", "status", "found"),
    [
        ("secretariat", 200, 1),
        ("focal_point", 200, 1),
        ("expert", 200, 1),
        ("contributor", 200, 1),
        ("reviewing_expert", 200, 0),
        ("observer", 200, 0),
        ("trainer", 200, 0),
        ("stakeholder", 200, 0),
        ("stranger", 200, 0),
        ("other_contributor", 200, 0),
        ("anonymous", 401, None),
    ],
)
def test_the_api_finds_only_what_the_person_may_read(world, corpus, person, status, found):
    response = api_client_as(world, person).get(URL, {"q": "fraanswerzq"})

    assert response.status_code == status
    if found is not None:
        assert response.json()["count"] == found


def test_a_result_names_its_review_its_page_and_a_marked_snippet(world, corpus):
    body = api_client_as(world, "focal_point").get(URL, {"q": "fracommentstatezq"}).json()

    [result] = body["results"]
    assert result["kind"] == "comment"
    assert result["review"] == world.review.pk
    assert result["state"] == "FRA"
    assert result["url"].endswith(f"#comment-{result['url'].rsplit('-', 1)[1]}")
    assert "<mark>fracommentstatezq</mark>" in result["snippet"]


def test_the_api_pages_its_results(world, corpus):
    body = api_client_as(world, "secretariat").get(URL, {"q": "zq fra"}).json()

    assert set(body) == {"count", "next", "previous", "results"}


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "q"), ({"q": "x", "kind": "secret"}, "kind"), ({"q": "x", "date_to": "tomorrow"}, "date_to")],
)
def test_bad_parameters_answer_400_saying_which(world, params, field):
    response = api_client_as(world, "expert").get(URL, params)

    assert response.status_code == 400
    assert field in response.json()


def test_the_endpoint_is_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    operation = schema["paths"]["/api/v1/search/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {"q", "kind", "cluster", "state", "page"}
