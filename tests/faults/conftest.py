"""The fault suite runs against the stack of `make prod-local`, never against a test database.

`make faults` starts the stack, exports its environment (deploy/prod-local.sh writes it to
.prod-local/revmod.env) and runs pytest with the production settings: the ORM here reads and
writes the stack's own PostgreSQL, to set up reviews and to count what arrived.
"""

from __future__ import annotations

import os
import ssl
import urllib.request
import uuid

import pytest

from reviews.enums import ParticipantRole, Step
from revmod.states.services import sync_member_states
from tests.factories.reviews import participant, review
from tests.faults.stack import Stack, fresh_questionnaire


@pytest.fixture(scope="session")
def stack() -> Stack:
    if "SITE_URL" not in os.environ or os.environ.get("DEBUG", "").lower() == "true":
        pytest.fail("the fault suite runs against `make prod-local`: run it with `make faults`")
    found = Stack.from_environment()
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with urllib.request.urlopen(f"{found.base}/healthz", context=context, timeout=10) as response:  # noqa: S310
        assert response.status == 200, "the stack of make prod-local is not healthy"
    return found


@pytest.fixture(scope="session")
def live_db(django_db_blocker):
    """The stack's database, opened for the whole session (pytest-django blocks it otherwise)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def questionnaire(live_db):
    """A published questionnaire of one question, under a version no earlier run has taken."""
    return fresh_questionnaire(questions=1)


@pytest.fixture
def run_id() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture(autouse=True)
def both_workers_back(stack):
    """Whatever a case killed, the next case starts on the whole stack."""
    yield
    stack.restore()


@pytest.fixture
def discussion(live_db, run_id, questionnaire):
    """A review at the dialogue step: two people who post (the focal point and an expert of
    Germany) and five reviewing experts of Brazil who read."""
    sync_member_states()
    country_review = review(of="FRA", questionnaire=questionnaire)
    country_review.step = Step.DIALOGUE
    country_review.save(update_fields=["step"])
    people = {
        "posters": [
            participant(
                country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email=f"fp-{run_id}@faults.example"
            ),
            participant(country_review, iso3="DEU", email=f"poster-{run_id}@faults.example"),
        ],
        "readers": [
            participant(country_review, iso3="BRA", email=f"reader{n}-{run_id}@faults.example") for n in range(5)
        ],
    }
    return country_review, people
