"""Who may share out a review's questions, and to whom they may be given."""

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
