"""Who may do what in national coordination; built on the review's own permissions."""

from __future__ import annotations

from reviews import permissions
from reviews.enums import ReviewPermission, Side, Step
from reviews.models import CountryReview
from revmod.accounts.permissions import is_secretariat

# The people of the State under review who answer: focal point, experts, national contributors (not observers).
ASSIGNABLE_ROLES = tuple(
    role
    for (side, role), granted in permissions.ROLE_PERMISSIONS.items()
    if side == Side.REVIEWED and ReviewPermission.ANSWER in granted
)


def can_see_coordination(user, review: CountryReview) -> bool:
    return permissions.can_see_coordination(user, review)


def can_assign(user, review: CountryReview) -> bool:
    """The State's focal point shares out the questions; the secretariat may help; nobody once it is finalized."""
    if is_secretariat(user):
        return review.step != Step.FINALIZED
    return permissions.can_coordinate(user, review)


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
