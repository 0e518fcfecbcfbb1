"""What every API endpoint shares: authentication answers, the JSON parser and the rate limits."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from revmod.core.api import AnonRateThrottle, UserRateThrottle
from tests.clients import through_proxy

pytestmark = pytest.mark.django_db


def answer_url(world) -> str:
    question = world.questionnaire.questions.get(number="2")
    return f"/api/v1/reviews/{world.review.pk}/answers/{question.pk}/"


def test_api_deeply_nested_json_answers_400_with_a_clear_message(client, world):
    client.force_login(world.focal_point)
    depth = 50_000

    response = client.put(answer_url(world), "[" * depth + "]" * depth, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "JSON parse error - the document is nested too deeply."}


def test_api_malformed_json_still_answers_400(client, world):
    client.force_login(world.focal_point)

    response = client.put(answer_url(world), '{"value": ', content_type="application/json")

    assert response.status_code == 400


def test_api_bogus_token_answers_401_with_a_token_challenge(client, world):
    response = client.get("/api/v1/reviews/", HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Invalid token."}


def test_api_anonymous_call_answers_401_with_a_token_challenge(client, world):
    response = client.get("/api/v1/reviews/")

    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Token")


def test_api_signed_in_session_without_permission_is_refused_as_before(client, world):
    client.force_login(world.observer)

    write = client.put(answer_url(world), {"value": "Text", "base_revision": 0}, content_type="application/json")
    other_review = client.get(f"/api/v1/reviews/{world.other_review.pk}/")

    assert (write.status_code, other_review.status_code) == (403, 404)
    assert write.has_header("WWW-Authenticate") is False


def test_api_valid_token_still_signs_in(client, world):
    token = Token.objects.create(user=world.focal_point)

    response = client.get(f"/api/v1/reviews/{world.review.pk}/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200


def test_api_calls_over_the_rate_answer_429(client, world, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "3/minute", raising=False)
    token = Token.objects.create(user=world.focal_point)

    answers = [
        client.get("/api/v1/reviews/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code for _call in range(4)
    ]

    assert answers == [200, 200, 200, 429]


def test_api_anonymous_rate_counts_each_client_behind_the_proxy_apart(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "1/minute", raising=False)

    first = client.get("/api/schema/", **through_proxy("203.0.113.66"))
    again_spoofed = client.get("/api/schema/", **through_proxy("203.0.113.66", sent="192.0.2.1"))
    other_client = client.get("/api/schema/", **through_proxy("198.51.100.10"))

    assert (first.status_code, again_spoofed.status_code, other_client.status_code) == (200, 429, 200)
