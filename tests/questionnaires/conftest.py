from __future__ import annotations

import pytest

from reviews.questionnaire_io import import_questionnaire
from tests.factories import TrainerFactory
from tests.factories.reviews import questionnaire_data

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")


def draft_questionnaire(**kwargs):
    """A draft of cluster I for the Convention: 1 (yes/no) with follow-up 1.1, 2 (text), 3 (choice of three)."""
    return import_questionnaire(questionnaire_data(**({"questions": 3, "sections": 1} | kwargs)))


def login(client, world, person: str) -> None:
    client.logout()
    if person == "trainer":
        client.force_login(TrainerFactory())
    elif person != "anonymous":
        client.force_login(getattr(world, person))


@pytest.fixture
def draft(db):
    return draft_questionnaire()
