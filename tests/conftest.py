from __future__ import annotations

from dataclasses import dataclass

import pytest
from channels.layers import channel_layers
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from reviews.enums import ParticipantRole, Step
from reviews.models import CountryReview
from tests.clients import VerifiedClient
from tests.factories import SecretariatFactory, StakeholderFactory, UserFactory
from tests.factories.reviews import cycle, participant, published_questionnaire, review
from tests.sockets import close_every_socket


@pytest.fixture
def client():
    return VerifiedClient()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before the test databases are dropped, end the sessions that worker threads still hold.

    The async tests run database code in thread pools; PostgreSQL refuses to drop a database
    that another session still uses.
    """
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """A new channel layer for each test: channels-redis binds its locks to one event loop."""
    channel_layers.backends.clear()


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    """Each test starts with an empty cache and English active, whatever ran before it."""
    cache.clear()
    translation.activate("en")


@pytest.fixture
async def every_socket_closed():
    """For the tests of consumers: each socket is closed before the test's event loop (tests/sockets.py)."""
    yield
    await close_every_socket()


@pytest.fixture
def person(db):
    return UserFactory()


@pytest.fixture
def secretariat(db):
    return SecretariatFactory()


@dataclass
class World:
    """One review of France (reviewed by Germany and Brazil), and one of Egypt for strangers.

    France and Egypt each have a national contributor. ``stakeholder`` is an approved
    non-governmental stakeholder, who must never see a byte of any review.
    """

    review: object
    questionnaire: object
    other_review: object
    secretariat: object
    focal_point: object
    expert: object
    reviewing_expert: object
    reviewing_focal_point: object
    observer: object
    stranger: object
    nobody: object
    contributor: object
    other_contributor: object
    stakeholder: object


@pytest.fixture
def world(db) -> World:
    questionnaire = published_questionnaire(questions=8, sections=2)
    the_cycle = cycle()
    france = review(of="FRA", questionnaire=questionnaire, in_cycle=the_cycle, step=Step.SAQ_DRAFTING)
    egypt = review(of="EGY", same_region="MAR", other_region="JPN", questionnaire=questionnaire, in_cycle=the_cycle)
    return World(
        review=france,
        questionnaire=questionnaire,
        other_review=egypt,
        secretariat=SecretariatFactory(),
        focal_point=participant(france, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email="fp.fra@test.org"),
        expert=participant(france, iso3="FRA", role=ParticipantRole.EXPERT, email="expert.fra@test.org"),
        reviewing_expert=participant(france, iso3="DEU", role=ParticipantRole.EXPERT, email="expert.deu@test.org"),
        reviewing_focal_point=participant(france, iso3="BRA", role=ParticipantRole.FOCAL_POINT),
        observer=participant(france, iso3="DEU", role=ParticipantRole.OBSERVER, email="observer.deu@test.org"),
        stranger=participant(egypt, iso3="EGY", role=ParticipantRole.FOCAL_POINT, email="fp.egy@test.org"),
        nobody=UserFactory(),
        contributor=participant(france, iso3="FRA", role=ParticipantRole.CONTRIBUTOR, email="contributor.fra@test.org"),
        other_contributor=participant(
            egypt, iso3="EGY", role=ParticipantRole.CONTRIBUTOR, email="contributor.egy@test.org"
        ),
        stakeholder=StakeholderFactory(email="stakeholder@ngo.test"),
    )


@pytest.fixture(autouse=True)
def _content_types_cached(request):
    """django-guardian looks up the review's content type once per process and caches it.

    Warm that cache so query counts do not depend on which test ran first. Transactional
    tests (the browser tests) manage their own database and are left alone.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    ContentType.objects.get_for_model(CountryReview)
