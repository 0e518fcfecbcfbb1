"""A translator's browser cannot join the review's live layer: the grant opens no part of the review."""

from __future__ import annotations

import pytest

from tests.reviews.test_consumers import connect

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("every_socket_closed"),
    pytest.mark.timeout(60),
]


async def test_a_translator_of_the_review_is_refused_by_its_socket(desk):
    _communicator, connected, code = await connect(desk.world.review, desk.translator)

    assert (connected, code) == (False, 4403)
