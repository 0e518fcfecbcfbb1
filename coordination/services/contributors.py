"""The focal point brings the national contributors of their State into a review, and lets them go."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from reviews import permissions
from reviews.enums import ParticipantRole
from reviews.models import CountryReview, Participant
from reviews.services import ReviewError, add_participant, remove_participant
from revmod.accounts.enums import NominatedRole
from revmod.accounts.services import AccountError, invite_person
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@transaction.atomic
def invite_contributor(
    review: CountryReview, *, email: str, full_name: str, preferred_language: str, by
) -> Participant:
    """Make a person of the reviewed State a national contributor of this review.

    Someone without an account is invited (activation by e-mail, then approval by the
    secretariat, as for any participant) and takes part once approved. A person of another
    State, or one who already takes part in the review in another role, is refused.
    """
    if not permissions.can_coordinate(by, review):
        raise ReviewError(_("Only the focal point of the State under review brings in national contributors."))
    person = get_user_model().objects.filter(email__iexact=email).first()
    invited = person is None
    if person is None:
        try:
            person = invite_person(
                email=email,
                full_name=full_name,
                state=review.state,
                nominated_role=NominatedRole.CONTRIBUTOR,
                preferred_language=preferred_language,
                by=by,
            )
        except AccountError as error:
            raise ReviewError(str(error)) from error
    elif person.state_id != review.state_id:
        # Said the same way whoever the person is: the page does not tell which State they serve.
        raise ReviewError(_("This person cannot be a national contributor of %(state)s.") % {"state": review.state})
    current = Participant.objects.filter(review=review, user=person, is_active=True).first()
    if current is not None:
        if current.role == ParticipantRole.CONTRIBUTOR:
            raise ReviewError(_("%(person)s is already a national contributor of this review.") % {"person": person})
        raise ReviewError(
            _("%(person)s already takes part in this review as %(role)s.")
            % {"person": person, "role": current.get_role_display()}
        )
    participant = add_participant(review, user=person, role=ParticipantRole.CONTRIBUTOR, by=by)
    record(
        AuditAction.CONTRIBUTOR_INVITED,
        actor=by,
        target=participant,
        review_id=review.pk,
        data={"user": person.email, "invited": invited},
    )
    return participant


@transaction.atomic
def remove_contributor(participant: Participant, *, by) -> Participant:
    """The focal point ends a national contributor's part in the review (the secretariat uses the participants page)."""
    if participant.role != ParticipantRole.CONTRIBUTOR or not permissions.can_coordinate(by, participant.review):
        raise ReviewError(_("Only the focal point of the State under review lets national contributors go."))
    return remove_participant(participant, by=by)
