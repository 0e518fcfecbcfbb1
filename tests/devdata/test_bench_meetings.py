"""The benchmark gives its review five meetings once, so the review page is timed with meetings."""

from __future__ import annotations

import pytest

from devdata.management.commands.bench import Command
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from tests.factories import SecretariatFactory

pytestmark = pytest.mark.django_db


def test_the_bench_review_gets_five_meetings_once(world):
    SecretariatFactory(email="scale.secretariat@example.net")

    counts = [Command().meetings_of(world.review), Command().meetings_of(world.review)]

    assert counts == [5, 5]
    assert Meeting.objects.filter(status=MeetingStatus.FIXED, fixed_slot__isnull=False).count() == 3
