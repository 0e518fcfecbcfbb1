"""GET /api/v1/analytics/: the page's figures and filters, for the secretariat only, in the OpenAPI schema."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.clients import api_client_as
from tests.insights.analytics.conftest import more_reviews

pytestmark = pytest.mark.django_db

URL = "/api/v1/analytics/"


def test_the_secretariat_reads_every_figure(figures_world):
    body = api_client_as(figures_world, "secretariat").get(URL).json()

    assert [figure["slug"] for figure in body] == [
        "progress",
        "steps-by-cluster",
        "steps-by-region",
        "steps-by-group",
        "late",
        "completion-by-state",
        "completion-by-article",
        "assistance-by-category",
        "assistance-by-article",
        "assistance-by-region",
        "findings-by-article",
    ]


def test_one_figure_comes_with_its_columns_and_rows(figures_world):
    body = api_client_as(figures_world, "secretariat").get(f"{URL}late/").json()

    assert body["columns"] == ["Cycle", "Step", "Deadline", "Days late"]
    [row] = body["rows"]
    assert row["label"] == "France"
    assert row["values"][1:] == ["Self-assessment drafting", row["values"][2], 10]
    assert len(row["values"][2]) == 10  # an ISO date


def test_the_figures_follow_the_filters_and_the_language(figures_world):
    client = api_client_as(figures_world, "secretariat")

    body = client.get(f"{URL}completion-by-state/", {"region": "african"}, HTTP_ACCEPT_LANGUAGE="fr").json()

    assert [row["label"] for row in body["rows"]] == ["Égypte"]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("focal_point", 404),
        ("expert", 404),
        ("reviewing_expert", 404),
        ("observer", 404),
        ("stranger", 404),
        ("contributor", 404),
        ("other_contributor", 404),
        ("stakeholder", 404),
        ("trainer", 404),
        ("anonymous", 401),
    ],
)
@pytest.mark.parametrize("path", ["", "late/"])
def test_nobody_else_reads_the_figures(figures_world, person, status, path):
    assert api_client_as(figures_world, person).get(URL + path).status_code == status


def test_bad_filters_answer_400_saying_which(figures_world):
    response = api_client_as(figures_world, "secretariat").get(URL, {"region": "atlantis", "cycle": "0"})

    assert response.status_code == 400
    assert set(response.json()) == {"region", "cycle"}


def test_an_unknown_figure_is_404(figures_world):
    assert api_client_as(figures_world, "secretariat").get(f"{URL}secrets/").status_code == 404


@pytest.mark.parametrize("extra", [1, 6])
def test_the_figures_take_the_same_number_of_queries_whatever_the_number_of_reviews(
    figures_world, second_article, django_assert_num_queries, extra
):
    more_reviews(figures_world, extra, second_article)
    client = api_client_as(figures_world, "secretariat")

    with django_assert_num_queries(16):
        assert client.get(URL, {"region": "western_european_others"}).status_code == 200


def test_the_endpoints_are_in_the_openapi_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    listing = schema["paths"]["/api/v1/analytics/"]["get"]
    one = schema["paths"]["/api/v1/analytics/{slug}/"]["get"]
    assert {parameter["name"] for parameter in listing["parameters"]} == {"cycle", "cluster", "region"}
    assert {parameter["name"] for parameter in one["parameters"]} == {"slug", "cycle", "cluster", "region"}
    assert "Figure" in schema["components"]["schemas"]
    assert schema["components"]["schemas"]["FigureRow"]["properties"]["values"]["type"] == "array"
