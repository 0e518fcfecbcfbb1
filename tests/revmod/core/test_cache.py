"""While Redis cannot be reached, the product's cache answers as an empty one and pages still answer."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from reviews.services.answers import save_answer
from revmod.core.cache import TolerantRedisCacheClient
from tests.revmod.core.test_views import BROKEN_CACHES

pytestmark = pytest.mark.django_db


@override_settings(CACHES=BROKEN_CACHES)
def test_an_unreachable_cache_answers_as_an_empty_one(caplog, monkeypatch):
    monkeypatch.setattr(TolerantRedisCacheClient, "last_logged", 0.0)
    with caplog.at_level("WARNING", logger="revmod.core.cache"):
        assert cache.get("key", "default") == "default"
        assert cache.add("key", 1) is True
        cache.set("key", 1)
        assert cache.get("key") is None  # nothing was kept
        assert cache.get_or_set("key", lambda: "computed") == "computed"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("key") is False
        assert cache.delete("key") is False
        assert cache.touch("key") is False
        with pytest.raises(ValueError, match="not found"):
            cache.incr("key")

    outage = [record for record in caplog.records if record.name == "revmod.core.cache"]
    assert [record.getMessage() for record in outage] == [
        "The cache is unreachable (ConnectionError on get); serving without it"
    ]  # logged now and then, not once per call


def test_the_questionnaire_answers_and_shows_the_latest_answer_while_redis_is_away(client, world):
    question = world.questionnaire.questions.get(number="2")
    url = reverse("reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk})
    client.force_login(world.focal_point)
    client.get(url)  # the body is cached while Redis answers

    with override_settings(CACHES=BROKEN_CACHES):
        save_answer(world.review, question, value="Saved while Redis was away", base_revision=0, user=world.expert)
        during = client.get(url)
        health = client.get("/healthz")

    assert during.status_code == 200
    assert "Saved while Redis was away" in during.content.decode()
    assert health.status_code == 503
    assert health.json()["components"]["cache"] == "down"
