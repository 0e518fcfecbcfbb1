from __future__ import annotations

import pytest

from reviews.questionnaire_io import import_questionnaire
from tests.factories.reviews import questionnaire_data

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")


def draft_questionnaire(**kwargs):
    """A draft of cluster I for the Convention: 1 (yes/no) with follow-up 1.1, 2 (text), 3 (choice of three)."""
    return import_questionnaire(questionnaire_data(**({"questions": 3, "sections": 1} | kwargs)))


@pytest.fixture
def small_draft(db):
    return draft_questionnaire()
