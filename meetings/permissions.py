"""Who may see, answer and run the meetings of a review; built on the review's own permissions.

"All participants" means everyone who reads the dialogue (national contributors do not);
"reviewing side only" means the reviewing States and the secretariat. Observers read, never answer.
"""

from __future__ import annotations

from django.db.models import Q

from meetings.enums import MeetingStatus, MeetingVisibility
from meetings.models import Meeting
from reviews import permissions
from reviews.enums import ParticipantRole, ReviewPermission, Side, Step
from reviews.models import CountryReview, Participant
from revmod.accounts.permissions import is_secretariat

P = ReviewPermission

# The permission a reader needs for each visibility; the roles that hold it, for the lists filtered in SQL.
NEEDED = {MeetingVisibility.ALL: P.DIALOGUE, MeetingVisibility.REVIEWING: P.REVIEWING_SIDE}


def roles_holding(permission: ReviewPermission) -> Q:
    """Participant rows (active) whose side and role carry ``permission``."""
    condition = Q(pk__in=[])
    for (side, role), granted in permissions.ROLE_PERMISSIONS.items():
        if permission in granted:
            condition |= Q(side=side, role=role)
    return condition


def visible_visibilities(user, review: CountryReview) -> list[str]:
    held = permissions.review_permissions(user, review)
    return [visibility.value for visibility, needed in NEEDED.items() if needed.value in held]


def can_see_meetings(user, review: CountryReview) -> bool:
    """The meetings list of a review: whoever reads its dialogue."""
    return permissions.can_read_dialogue(user, review)


def can_see(user, meeting: Meeting) -> bool:
    needed = NEEDED[MeetingVisibility(meeting.visibility)]
    return permissions.can_view(user, meeting.review) and needed.value in permissions.review_permissions(
        user, meeting.review
    )


def _my_roles(user, review: CountryReview) -> tuple[str, str] | None:
    """The user's (side, role) in the review; from the participants the review page already loaded, if it did."""
    loaded = getattr(review, "active_participants", None)
    if loaded is not None:
        return next(((row.side, row.role) for row in loaded if row.user_id == user.pk), None)
    cache = user.__dict__.setdefault("_meeting_roles", {})
    if review.pk not in cache:
        row = Participant.objects.filter(review=review, user=user, is_active=True).values_list("side", "role").first()
        cache[review.pk] = row
    return cache[review.pk]


def proposable_visibilities(user, review: CountryReview) -> list[MeetingVisibility]:
    """The visibilities in which the user may propose a meeting; none when they may not propose at all.

    The secretariat, the focal point of the State under review, and a reviewing State's focal point
    propose; nobody once the review is finalized. The State under review never sees the reviewing
    side's meetings, so its focal point proposes only meetings for all.
    """
    if not user.is_authenticated or review.step == Step.FINALIZED or not permissions.can_read_dialogue(user, review):
        return []
    if is_secretariat(user):
        return list(MeetingVisibility)
    mine = _my_roles(user, review)
    if mine is None or mine[1] != ParticipantRole.FOCAL_POINT:
        return []
    if mine[0] == Side.REVIEWED:
        return [MeetingVisibility.ALL]
    return list(MeetingVisibility)


def can_propose(user, review: CountryReview) -> bool:
    return bool(proposable_visibilities(user, review))


def can_answer(user, meeting: Meeting) -> bool:
    """Say which candidate times suit: those who see it and may speak in the review (not observers)."""
    if meeting.status != MeetingStatus.PROPOSED or not can_see(user, meeting):
        return False
    return is_secretariat(user) or P.COMMENT.value in permissions.review_permissions(user, meeting.review)


def can_manage(user, meeting: Meeting) -> bool:
    """Fix, cancel, record attendance, write minutes, attach files: the organiser, or the secretariat helping."""
    if not can_see(user, meeting):
        return False
    return is_secretariat(user) or meeting.organiser_id == user.pk


def audience_condition(meeting: Meeting) -> Q:
    """Users who may see the meeting, as a condition on the user model (one query)."""
    rows = Participant.objects.filter(review_id=meeting.review_id, is_active=True).filter(
        roles_holding(NEEDED[MeetingVisibility(meeting.visibility)])
    )
    return Q(pk__in=rows.values("user_id"))


def meetings_visible_to(user):
    """Every meeting the user may see, across reviews, filtered in SQL.

    For the secretariat (who may see every meeting) only the meetings they organise or answered:
    their calendar would otherwise hold every meeting of every review.
    """
    meetings = Meeting.objects.all()
    if not user.is_authenticated or not user.is_active:
        return meetings.none()
    if is_secretariat(user):
        return meetings.filter(Q(organiser=user) | Q(slots__answers__user=user)).distinct()
    mine = Participant.objects.filter(user=user, is_active=True)
    condition = Q(pk__in=[])
    for visibility, needed in NEEDED.items():
        reviews = mine.filter(roles_holding(needed)).values("review_id")
        condition |= Q(visibility=visibility, review__in=reviews)
    return meetings.filter(condition)
