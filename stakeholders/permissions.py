"""Who may do what with stakeholders, their dialogues and their input.

A stakeholder never gains a permission on a review: they see that a State's review accepts
input (its State and cycle), and what they sent themselves. Their input on a review is read
by the State's focal point, the reviewing States' focal points and experts, and the
secretariat; not by national contributors or observers.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from reviews import permissions as review_permissions
from reviews.enums import ParticipantRole, ReviewPermission, Side, Step
from reviews.models import CountryReview, Participant
from revmod.accounts.enums import AccountStatus
from revmod.accounts.permissions import is_secretariat
from stakeholders.enums import ApplicationStatus
from stakeholders.models import ConstructiveDialogue, DialogueApplication, ReviewConsultation

# Who of a review's participants reads the input sent on it.
INPUT_READERS = Q(side=Side.REVIEWED, role=ParticipantRole.FOCAL_POINT) | Q(
    side=Side.REVIEWING, role__in=[ParticipantRole.FOCAL_POINT, ParticipantRole.EXPERT]
)


def is_approved_stakeholder(user) -> bool:
    """A signed-in stakeholder whose e-mail address is verified and whom the secretariat approved."""
    return bool(
        user.is_authenticated and user.is_active and user.is_stakeholder and user.status == AccountStatus.ACTIVE
    )


def can_manage_stakeholders(user) -> bool:
    """The secretariat approves stakeholders, holds the dialogues and publishes their summaries."""
    return is_secretariat(user)


def can_see_dialogues(user) -> bool:
    return can_manage_stakeholders(user) or is_approved_stakeholder(user)


def dialogues_visible_to(user) -> QuerySet[ConstructiveDialogue]:
    if can_see_dialogues(user):
        return ConstructiveDialogue.objects.all()
    return ConstructiveDialogue.objects.none()


def can_apply(user, dialogue: ConstructiveDialogue, application: DialogueApplication | None) -> bool:
    return is_approved_stakeholder(user) and application is None and dialogue.accepts_applications


def can_send_dialogue_input(user, dialogue: ConstructiveDialogue, application: DialogueApplication | None) -> bool:
    """An applicant not refused, until the summary of the dialogue is published."""
    return (
        is_approved_stakeholder(user)
        and application is not None
        and application.status != ApplicationStatus.REFUSED
        and dialogue.summary_published_at is None
    )


def can_see_joining_details(user, application: DialogueApplication | None) -> bool:
    """The link to join online goes to approved participants (and the secretariat)."""
    return can_manage_stakeholders(user) or bool(application and application.status == ApplicationStatus.APPROVED)


def can_publish_summary(user, dialogue: ConstructiveDialogue) -> bool:
    return can_manage_stakeholders(user) and dialogue.is_over and dialogue.summary_published_at is None


# --- Input on a State's review -------------------------------------------------------------


def consultations_open_to(user) -> QuerySet[ReviewConsultation]:
    """The reviews that accept input now, for an approved stakeholder (nothing for anyone else)."""
    if not is_approved_stakeholder(user):
        return ReviewConsultation.objects.none()
    return ReviewConsultation.objects.filter(is_open=True).exclude(review__step=Step.FINALIZED)


def can_read_review_input(user, review: CountryReview) -> bool:
    """The secretariat, the reviewed focal point, and the reviewing side's focal points and experts.

    Decided from the review permissions the page has already loaded, so that the review page
    pays no query for its link: only the reviewed focal point holds SUBMIT, and on the reviewing
    side only focal points and experts hold COMMENT (observers read). INPUT_READERS says the same
    in SQL, for the notifications.
    """
    if is_secretariat(user):
        return True
    held = review_permissions.review_permissions(user, review)
    if ReviewPermission.REVIEWING_SIDE.value in held:
        return ReviewPermission.COMMENT.value in held
    return ReviewPermission.SUBMIT.value in held and review_permissions.is_reviewed_focal_point(user, review)


def can_open_to_input(user, review: CountryReview) -> bool:
    """The focal point of the State under review decides (the secretariat may, for it)."""
    if review.step == Step.FINALIZED:
        return False
    if is_secretariat(user):
        return True
    return review_permissions.can_view(user, review) and review_permissions.is_reviewed_focal_point(user, review)


def input_readers(review: CountryReview) -> QuerySet:
    """The participants told of new input: everyone who may read it but the secretariat."""
    return Participant.objects.filter(INPUT_READERS, review=review, is_active=True, user__is_active=True)
