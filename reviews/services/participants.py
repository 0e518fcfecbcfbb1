"""Who takes part in a review: adding and removing participants, one or many at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elearning.services import enrol_in_onboarding, enrol_in_onboarding_in_bulk
from reviews import notifications, permissions
from reviews.enums import ParticipantRole, Side
from reviews.models import (
    CountryReview,
    Participant,
)
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.realtime import publish_access_changed


def side_of_state(review: CountryReview, state) -> Side:
    if state == review.state or getattr(state, "pk", state) == review.state_id:
        return Side.REVIEWED
    if review.pairings.filter(reviewing_state=state).exists():
        return Side.REVIEWING
    raise ReviewError(_("%(state)s takes no part in this review.") % {"state": state})


@transaction.atomic
def add_participant(review: CountryReview, *, user, role: ParticipantRole, by=None) -> Participant:
    """Make ``user`` a participant for their State; a new focal point replaces the old one."""
    if user.state_id is None:
        raise ReviewError(_("%(person)s represents no State.") % {"person": user})
    side = side_of_state(review, user.state)
    if role == ParticipantRole.CONTRIBUTOR and side != Side.REVIEWED:
        raise ReviewError(_("National contributors belong to the State under review."))
    current = Participant.objects.filter(review=review, user=user, is_active=True).first()
    if current is not None:
        if current.role == role:
            return current
        _deactivate(current)
    if role == ParticipantRole.FOCAL_POINT:
        for previous in Participant.objects.filter(
            review=review, state=user.state, role=ParticipantRole.FOCAL_POINT, is_active=True
        ):
            _deactivate(previous)
    participant = Participant.objects.create(
        review=review, user=user, state=user.state, side=side, role=role, added_by=by
    )
    permissions.grant_review_role(user, review, side=side, role=role)
    publish_access_changed(user.pk)  # open pages of the review start receiving what the new role reads
    enrol_in_onboarding(user)
    record(
        AuditAction.PARTICIPANT_ADDED,
        actor=by,
        target=participant,
        review_id=review.pk,
        data={"user": user.email, "side": side, "role": role},
    )
    notifications.participant_added(review, user)
    return participant


def _deactivate(participant: Participant) -> None:
    participant.is_active = False
    participant.removed_at = timezone.now()
    participant.save(update_fields=["is_active", "removed_at"])
    permissions.revoke_review_role(participant.user, participant.review)
    permissions.forget_cached_permissions(participant.user)
    publish_access_changed(participant.user_id)


@transaction.atomic
def remove_participant(participant: Participant, *, by=None) -> Participant:
    """End a participation; the person loses access to the review at once."""
    if participant.is_active:
        _deactivate(participant)
        record(
            AuditAction.PARTICIPANT_REMOVED,
            actor=by,
            target=participant,
            review_id=participant.review_id,
            data={"user": participant.user.email},
        )
    return participant


@transaction.atomic
def add_participants_in_bulk(entries: list[tuple]) -> list[Participant]:
    """Add many (review, user, role) participations at once, for loading data.

    Assumes no active participation exists yet for these pairs (a fresh load).
    """
    participants, grants = [], []
    for review, user, role in entries:
        side = Side.REVIEWED if user.state_id == review.state_id else Side.REVIEWING
        participants.append(Participant(review=review, user=user, state_id=user.state_id, side=side, role=role))
        grants.append((user, review, side, role))
    created = Participant.objects.bulk_create(participants)
    permissions.grant_review_roles(grants)
    enrol_in_onboarding_in_bulk({user for _review, user, _role in entries})
    record(AuditAction.PARTICIPANT_ADDED, data={"bulk": len(created)})
    return created
