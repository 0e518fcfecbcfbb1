from __future__ import annotations

import pytest

from reviews.enums import AnswerStatus
from reviews.models import Answer


@pytest.fixture
def answer_with_status():
    """An answer of ``review`` to ``question`` in ``status`` (with a value unless not started)."""

    def make(review, question, status: AnswerStatus, *, by):
        value = None if status == AnswerStatus.NOT_STARTED else "Drafted text"
        return Answer.objects.create(review=review, question=question, value=value, status=status, updated_by=by)

    return make
