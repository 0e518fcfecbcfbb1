"""Who may request, grant, read and write translations.

The secretariat does everything. A focal point requests translations of their own State's texts:
the State under review its answers, a reviewing State its feedback and list of observations. A
translator holds no permission on the review itself (its pages answer them 404): they read and
write only the units of the requests assigned to them, while their grant for that language lasts.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from reviews import permissions as review_permissions
from reviews.enums import ParticipantRole, Side
from reviews.models import CountryReview, Participant
from revmod.accounts.permissions import is_secretariat
from translations.enums import TranslationScope
from translations.models import Translation, TranslationRequest, TranslatorGrant


def can_manage_translators(user, review: CountryReview) -> bool:
    return is_secretariat(user)


def _focal_point(user, review: CountryReview) -> Participant | None:
    """The user's active focal-point participation in the review, if any (the review must be theirs to see)."""
    if not user.is_authenticated or not review_permissions.can_view(user, review):
        return None
    return Participant.objects.filter(
        review=review, user=user, is_active=True, role=ParticipantRole.FOCAL_POINT
    ).first()


def requestable_scopes(user, review: CountryReview) -> list[TranslationScope]:
    """What the user may ask to translate in this review; empty when nothing."""
    if is_secretariat(user):
        return list(TranslationScope)
    mine = _focal_point(user, review)
    if mine is None:
        return []
    if mine.side == Side.REVIEWED:
        return [TranslationScope.SECTION, TranslationScope.QUESTIONNAIRE]
    return [TranslationScope.FEEDBACK, TranslationScope.OBSERVATIONS]


def own_reviewing_state(user, review: CountryReview) -> int | None:
    """The reviewing State a focal point speaks for (its feedback and list are theirs to request)."""
    mine = _focal_point(user, review)
    return mine.state_id if mine is not None and mine.side == Side.REVIEWING else None


def can_see_review_translations(user, review: CountryReview) -> bool:
    """The translations page of a review: the secretariat and the focal points."""
    return bool(requestable_scopes(user, review))


def requests_visible_to(user, review: CountryReview) -> QuerySet[TranslationRequest]:
    """The requests of a review the user may follow on its translations page, in SQL."""
    requests = TranslationRequest.objects.filter(review=review)
    if is_secretariat(user):
        return requests
    mine = _focal_point(user, review)
    if mine is None:
        return requests.none()
    if mine.side == Side.REVIEWED:
        return requests.filter(scope__in=[TranslationScope.SECTION, TranslationScope.QUESTIONNAIRE])
    return requests.filter(
        Q(feedback__reviewing_state=mine.state_id) | Q(observation_list__reviewing_state=mine.state_id)
    )


def _granted(user) -> Exists:
    """The request's translator (the user) still holds a grant for its review and language."""
    return Exists(
        TranslatorGrant.objects.filter(
            user=user, review=OuterRef("review"), language=OuterRef("language"), is_active=True
        )
    )


def requests_assigned_to(user) -> QuerySet[TranslationRequest]:
    """The requests the user is to translate, across reviews, filtered in SQL."""
    if not user.is_authenticated or not user.is_active:
        return TranslationRequest.objects.none()
    return TranslationRequest.objects.filter(_granted(user), translator=user)


def requests_readable_by(user) -> QuerySet[TranslationRequest]:
    """The requests whose editor the user may open: their own assignments, or any for the secretariat."""
    if is_secretariat(user):
        return TranslationRequest.objects.all()
    return requests_assigned_to(user)


def translations_readable_by(user) -> QuerySet[Translation]:
    if is_secretariat(user):
        return Translation.objects.all()
    return Translation.objects.filter(request__in=requests_assigned_to(user))


def can_translate(user, request: TranslationRequest) -> bool:
    """Write the translations of a request: its translator while granted, or the secretariat."""
    if is_secretariat(user):
        return True
    return request.translator_id == user.pk and requests_assigned_to(user).filter(pk=request.pk).exists()
