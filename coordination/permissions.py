"""Who may do what in national coordination; built on the review's own permissions."""

from __future__ import annotations

from reviews import permissions
from reviews.enums import ReviewPermission
from reviews.models import CountryReview
from revmod.accounts.permissions import is_secretariat


def can_work_offline(user, review: CountryReview) -> bool:
    """Download the questionnaire with its answers: the State under review (who reads its drafts) and the secretariat.

    The reviewing side reads submitted answers but never fills a questionnaire: not for it.
    """
    if not permissions.can_read_answers(user, review):
        return False
    return is_secretariat(user) or ReviewPermission.READ_DRAFTS.value in permissions.review_permissions(user, review)


def can_import_answers(user, review: CountryReview) -> bool:
    """Upload a filled file back: whoever may answer online."""
    return can_work_offline(user, review) and permissions.can_answer(user, review)
