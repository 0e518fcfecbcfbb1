"""The live layer refuses stakeholders: they may join no group of a review, its threads included."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from revmod.accounts.consumers import CLOSE_FORBIDDEN
from stakeholders.models import ReviewConsultation, StakeholderInput
from tests.reviews.test_consumers import connect

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("every_socket_closed"),
    pytest.mark.timeout(60),
]


@database_sync_to_async
def sent_input_on(world) -> None:
    ReviewConsultation.objects.create(review=world.review, is_open=True, changed_by=world.focal_point)
    StakeholderInput.objects.create(author=world.stakeholder, review=world.review, text="Our input")


async def test_a_stakeholder_cannot_join_the_review_socket(world):
    _communicator, connected, code = await connect(world.review, world.stakeholder)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_a_stakeholder_who_sent_input_on_the_review_still_cannot_join_it(world):
    await sent_input_on(world)

    _communicator, connected, code = await connect(world.review, world.stakeholder)

    assert (connected, code) == (False, CLOSE_FORBIDDEN)


async def test_a_reviewing_expert_joins_the_same_socket(world):
    communicator, connected, _code = await connect(world.review, world.reviewing_expert)

    assert connected is True
    await communicator.disconnect()
