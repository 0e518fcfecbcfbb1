"""Who may author and translate questionnaires: the secretariat, as for the rest of its workspace."""

from __future__ import annotations

from reviews.permissions import can_manage_reviews


def can_author(user) -> bool:
    return user.is_authenticated and can_manage_reviews(user)
