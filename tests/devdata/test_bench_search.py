"""The benchmark's search rows: each search answers 200 for an expert and the secretariat, on small data."""

from __future__ import annotations

import pytest

from devdata.management.commands.bench import Command
from insights.models import SearchDocument
from reviews.models import Answer

pytestmark = pytest.mark.django_db


def test_the_bench_builds_the_search_index_once(world):
    question = world.questionnaire.questions.filter(kind="text").first()
    Answer.objects.create(review=world.review, question=question, value="legislation on 洗钱 and غسل الأموال")

    first, second = Command().search_index(), Command().search_index()

    assert first["documents"] == SearchDocument.objects.count() > 0
    assert first["rebuild_seconds"] is not None
    assert second["rebuild_seconds"] is None


@pytest.mark.parametrize("person", ["expert", "secretariat"])
def test_each_timed_search_runs(client, world, person):
    question = world.questionnaire.questions.filter(kind="text").first()
    Answer.objects.create(review=world.review, question=question, value="legislation on 洗钱 and غسل الأموال")
    Command().search_index()
    client.force_login(getattr(world, person))

    pages = Command().search_pages()
    responses = [client.get(path) for _name, path in pages]

    assert [name for name, _path in pages] == [
        "search, a common word",
        "search, a rare word",
        "search, Chinese",
        "search, Arabic",
    ]
    assert [response.status_code for response in responses] == [200, 200, 200, 200]
    # "legislation": the answer and the three follow-up questions that ask to cite it
    assert [response.context["results"].total for response in responses] == [4, 0, 1, 1]
