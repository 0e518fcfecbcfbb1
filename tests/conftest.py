from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import SecretariatFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def person(db):
    return UserFactory()


@pytest.fixture
def secretariat(db):
    return SecretariatFactory()
