"""Who may do what in a review. Every django-guardian call of the app lives here.

Permissions belong to (user, review, side): the services that add and remove
participants grant and revoke them, and everything else asks these functions.
The secretariat may do everything without object permissions.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, get_user_perms, remove_perm

from elearning.selectors import has_completed_onboarding
from reviews.enums import ParticipantRole, QuestionnaireStatus, ReviewPermission, Side, Step, ThreadVisibility
from reviews.models import CountryReview, Questionnaire, ReviewCycle, Summary
from revmod.accounts.enums import GlobalRole
from revmod.accounts.permissions import is_secretariat

P = ReviewPermission

ROLE_PERMISSIONS: dict[tuple[Side, ParticipantRole], frozenset[ReviewPermission]] = {
    (Side.REVIEWED, ParticipantRole.FOCAL_POINT): frozenset(
        {P.VIEW, P.READ_DRAFTS, P.ANSWER, P.SUBMIT, P.COMMENT, P.DIALOGUE, P.STATE_INTERNAL}
    ),
    (Side.REVIEWED, ParticipantRole.EXPERT): frozenset(
        {P.VIEW, P.READ_DRAFTS, P.ANSWER, P.COMMENT, P.DIALOGUE, P.STATE_INTERNAL}
    ),
    (Side.REVIEWED, ParticipantRole.OBSERVER): frozenset({P.VIEW, P.READ_DRAFTS, P.DIALOGUE, P.STATE_INTERNAL}),
    # A national contributor drafts answers and talks with their own State; the dialogue with
    # the reviewing States and the outputs are for the State's named representatives.
    (Side.REVIEWED, ParticipantRole.CONTRIBUTOR): frozenset(
        {P.VIEW, P.READ_DRAFTS, P.ANSWER, P.COMMENT, P.STATE_INTERNAL}
    ),
    (Side.REVIEWING, ParticipantRole.FOCAL_POINT): frozenset(
        {P.VIEW, P.READ_SUBMITTED, P.COMMENT, P.REVIEWING_SIDE, P.DIALOGUE}
    ),
    (Side.REVIEWING, ParticipantRole.EXPERT): frozenset(
        {P.VIEW, P.READ_SUBMITTED, P.COMMENT, P.REVIEWING_SIDE, P.DIALOGUE}
    ),
    (Side.REVIEWING, ParticipantRole.OBSERVER): frozenset({P.VIEW, P.READ_SUBMITTED, P.REVIEWING_SIDE, P.DIALOGUE}),
}
ALL_PERMISSIONS = frozenset(ReviewPermission)


def grant_review_role(user, review: CountryReview, *, side: Side, role: ParticipantRole) -> None:
    for permission in ROLE_PERMISSIONS[(side, role)]:
        assign_perm(f"reviews.{permission.value}", user, review)


def revoke_review_role(user, review: CountryReview) -> None:
    for permission in ALL_PERMISSIONS:
        remove_perm(f"reviews.{permission.value}", user, review)


def review_permissions(user, review: CountryReview) -> frozenset[str]:
    """The codenames the user holds on the review, in one query (all of them for the secretariat)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if is_secretariat(user):
        return frozenset(permission.value for permission in ALL_PERMISSIONS)
    cache = getattr(user, "_review_permissions", None)
    if cache is None:
        cache = user._review_permissions = {}
    if review.pk not in cache:
        cache[review.pk] = frozenset(get_user_perms(user, review))
    return cache[review.pk]


def rights_of(user, review: CountryReview) -> str:
    """What this person may see and do in the review, as a short name for cache keys.

    Two people share it only when they hold the same permissions on the review: a page part
    cached for one is never served to someone who may see less (or do less) than its first reader.
    """
    if is_secretariat(user):
        return "secretariat"
    return ".".join(sorted(review_permissions(user, review))) or "none"


def forget_cached_permissions(user) -> None:
    if hasattr(user, "_review_permissions"):
        del user._review_permissions


def _has(user, review: CountryReview, permission: ReviewPermission) -> bool:
    return permission.value in review_permissions(user, review)


def can_view(user, review: CountryReview) -> bool:
    return _has(user, review, P.VIEW)


def onboarding_pending(user, review: CountryReview) -> bool:
    """True when the cycle asks participants to finish the onboarding course before answering and this one has not.

    The secretariat is not held to it.
    """
    if not review.cycle.requires_onboarding or is_secretariat(user):
        return False
    return not has_completed_onboarding(user)


def can_answer(user, review: CountryReview) -> bool:
    return _has(user, review, P.ANSWER) and review.step == Step.SAQ_DRAFTING and not onboarding_pending(user, review)


def can_submit(user, review: CountryReview) -> bool:
    return _has(user, review, P.SUBMIT) and review.step == Step.SAQ_DRAFTING and not onboarding_pending(user, review)


def must_complete_onboarding(user, review: CountryReview) -> bool:
    """True when this person could answer now if they had completed the onboarding course: say so on the page."""
    return _has(user, review, P.ANSWER) and review.step == Step.SAQ_DRAFTING and onboarding_pending(user, review)


def can_read_answers(user, review: CountryReview) -> bool:
    """The reviewed side reads its drafts; the reviewing side only what was submitted."""
    if _has(user, review, P.READ_DRAFTS):
        return True
    return _has(user, review, P.READ_SUBMITTED) and review.submitted_at is not None


def can_comment(user, review: CountryReview) -> bool:
    return _has(user, review, P.COMMENT) and review.step != Step.FINALIZED


def can_see_reviewing_side(user, review: CountryReview) -> bool:
    return _has(user, review, P.REVIEWING_SIDE)


def can_read_dialogue(user, review: CountryReview) -> bool:
    """The dialogue between the sides and the outputs: everyone but the national contributors."""
    return _has(user, review, P.DIALOGUE)


def can_see_state_internal(user, review: CountryReview) -> bool:
    return _has(user, review, P.STATE_INTERNAL)


def is_reviewed_focal_point(user, review: CountryReview) -> bool:
    """The focal point of the State under review: the one person who speaks for it."""
    mine = _participation(user, review)
    return bool(mine and mine["side"] == Side.REVIEWED and mine["role"] == ParticipantRole.FOCAL_POINT)


def can_clear(user, review: CountryReview) -> bool:
    """Only the focal point of the State under review clears its answers, while they are drafted."""
    return (
        not is_secretariat(user)
        and _has(user, review, P.SUBMIT)
        and review.step == Step.SAQ_DRAFTING
        and is_reviewed_focal_point(user, review)
        and not onboarding_pending(user, review)
    )


def can_coordinate(user, review: CountryReview) -> bool:
    """The focal point of the State under review brings in contributors and shares out the questions."""
    # The cached permissions first: only a holder of SUBMIT costs the query of their participation.
    if is_secretariat(user) or not _has(user, review, P.SUBMIT) or review.step == Step.FINALIZED:
        return False
    return is_reviewed_focal_point(user, review)


def can_see_coordination(user, review: CountryReview) -> bool:
    """The coordination page: the State under review's focal point, and the secretariat, who may help."""
    return is_secretariat(user) or (_has(user, review, P.SUBMIT) and is_reviewed_focal_point(user, review))


def can_manage_reviews(user) -> bool:
    return is_secretariat(user)


def reviews_visible_to(user) -> QuerySet[CountryReview]:
    """Every review the user may see, filtered in SQL."""
    return reviews_granted(user, P.VIEW)


def reviews_granted(user, permission: ReviewPermission) -> QuerySet[CountryReview]:
    """The reviews on which the user holds ``permission`` (all of them for the secretariat), in SQL."""
    if is_secretariat(user):
        return CountryReview.objects.all()
    if not user.is_authenticated or not user.is_active:
        return CountryReview.objects.none()
    # django-guardian stores object ids as text: compare them as numbers inside one SQL query.
    granted = _grants(permission).filter(user=user)
    review_ids = granted.annotate(review_id=Cast("object_pk", BigIntegerField())).values("review_id")
    return CountryReview.objects.filter(pk__in=Subquery(review_ids))


def reviews_with_readable_answers(user) -> QuerySet[CountryReview]:
    """can_read_answers for every review at once, in SQL: drafts for the reviewed side, submitted ones for the other."""
    if is_secretariat(user):
        return CountryReview.objects.all()
    drafts = reviews_granted(user, P.READ_DRAFTS).values("pk")
    submitted = reviews_granted(user, P.READ_SUBMITTED).filter(submitted_at__isnull=False).values("pk")
    return CountryReview.objects.filter(Q(pk__in=drafts) | Q(pk__in=submitted))


def cycles_visible_to(user) -> QuerySet[ReviewCycle]:
    """Every cycle for the secretariat; for others, the cycles of the reviews they take part in."""
    if is_secretariat(user):
        return ReviewCycle.objects.all()
    return ReviewCycle.objects.filter(pk__in=Subquery(reviews_visible_to(user).values("cycle_id")))


def questionnaires_visible_to(user) -> QuerySet[Questionnaire]:
    """Every version, drafts included, for the secretariat; for others, the published ones of their reviews."""
    if is_secretariat(user):
        return Questionnaire.objects.all()
    answered = reviews_visible_to(user).filter(questionnaires__isnull=False).values("questionnaires")
    return Questionnaire.objects.filter(status=QuestionnaireStatus.PUBLISHED, pk__in=Subquery(answered))


def _grants(permission: ReviewPermission) -> QuerySet[UserObjectPermission]:
    """django-guardian's grants of one review permission, to anyone on any review."""
    return UserObjectPermission.objects.filter(
        permission__codename=permission.value,
        content_type__app_label=CountryReview._meta.app_label,
        content_type__model=CountryReview._meta.model_name,
    )


def grant_review_roles(grants: list[tuple]) -> None:
    """Grant many (user, review, side, role) at once, in one insert: for bulk loads."""
    content_type = ContentType.objects.get_for_model(CountryReview)
    by_codename = dict(Permission.objects.filter(content_type=content_type).values_list("codename", "pk"))
    rows = [
        UserObjectPermission(
            user=user,
            permission_id=by_codename[permission.value],
            content_type=content_type,
            object_pk=str(review.pk),
        )
        for user, review, side, role in grants
        for permission in ROLE_PERMISSIONS[(side, role)]
    ]
    UserObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)


VISIBILITY_PERMISSION = {
    ThreadVisibility.ALL: P.DIALOGUE,
    ThreadVisibility.REVIEWING: P.REVIEWING_SIDE,
    ThreadVisibility.STATE: P.STATE_INTERNAL,
}


def can_view_thread(user, thread) -> bool:
    if not can_view(user, thread.review):
        return False
    if not _has(user, thread.review, VISIBILITY_PERMISSION[ThreadVisibility(thread.visibility)]):
        return False
    # Threads on questions discuss the answers: readable only by those who may read them.
    return thread.question_id is None or can_read_answers(user, thread.review)


def _holders(review: CountryReview, permission: ReviewPermission):
    return _grants(permission).filter(object_pk=str(review.pk)).values("user_id")


def thread_reader_ids(thread, user_ids) -> set[int]:
    """Which of ``user_ids`` may read the thread, decided in one query: can_view_thread for many people."""
    users = get_user_model().objects.filter(pk__in=list(user_ids), is_active=True)
    review = thread.review
    allowed = Q(global_role=GlobalRole.SECRETARIAT)
    rule = Q(pk__in=_holders(review, P.VIEW))
    rule &= Q(pk__in=_holders(review, VISIBILITY_PERMISSION[ThreadVisibility(thread.visibility)]))
    if thread.question_id is not None:
        answers = Q(pk__in=_holders(review, P.READ_DRAFTS))
        if review.submitted_at is not None:
            answers |= Q(pk__in=_holders(review, P.READ_SUBMITTED))
        rule &= answers
    return set(users.filter(allowed | rule).values_list("pk", flat=True))


def can_post_in_thread(user, thread) -> bool:
    return can_view_thread(user, thread) and can_comment(user, thread.review)


def can_request_clarification(user, review: CountryReview) -> bool:
    return can_comment(user, review) and (is_secretariat(user) or can_see_reviewing_side(user, review))


def thread_visibilities_to_open(user, review: CountryReview) -> list[ThreadVisibility]:
    """The visibilities in which the user may start a thread here, the widest first."""
    if not can_comment(user, review):
        return []
    return [ThreadVisibility(value) for value in visible_visibilities(user, review)]


def visible_visibilities(user, review: CountryReview) -> list[str]:
    """The thread visibilities the user may read in this review (for filtering in SQL)."""
    if not can_view(user, review):
        return []
    return [visibility.value for visibility, needed in VISIBILITY_PERMISSION.items() if _has(user, review, needed)]


def readable_audiences(user, review: CountryReview) -> list[tuple[str, bool]]:
    """(visibility, on_questions) pairs of the threads the user may read, for the live layer."""
    visibilities = visible_visibilities(user, review)
    places = [False, True] if can_read_answers(user, review) else [False]
    return [(visibility, on_questions) for visibility in visibilities for on_questions in places]


# --- Outputs ---------------------------------------------------------------------------


def _participation(user, review: CountryReview):
    cache = getattr(user, "_participations", None)
    if cache is None:
        cache = user._participations = {}
    if review.pk not in cache:
        cache[review.pk] = (
            review.participants.filter(user=user, is_active=True).values("side", "role", "state_id").first()
            if user.is_authenticated
            else None
        )
    return cache[review.pk]


def can_read_feedback(user, review: CountryReview, feedback) -> bool:
    """A reviewing State's own side and the secretariat always; the others once it is sent."""
    if not can_read_dialogue(user, review):
        return False
    mine = _participation(user, review)
    own_state = is_secretariat(user) or (mine is not None and mine["state_id"] == feedback.reviewing_state_id)
    return own_state or feedback.submitted_at is not None


def can_write_feedback(user, review: CountryReview, feedback) -> bool:
    if review.step not in (Step.FEEDBACK, Step.DIALOGUE) or feedback.submitted_at is not None:
        return False
    if is_secretariat(user):
        return True
    mine = _participation(user, review)
    return bool(mine and mine["state_id"] == feedback.reviewing_state_id and mine["role"] != ParticipantRole.OBSERVER)


def can_send_feedback(user, review: CountryReview, feedback) -> bool:
    mine = _participation(user, review)
    return can_write_feedback(user, review, feedback) and (
        is_secretariat(user) or (mine is not None and mine["role"] == ParticipantRole.FOCAL_POINT)
    )


def can_write_output(user, review: CountryReview, output, *, step: Step) -> bool:
    """Both sides draft a list of observations (its reviewing State only) or the summary, at their step."""
    if review.step != step or output.is_locked or not can_read_dialogue(user, review):
        return False
    if is_secretariat(user):
        return True
    mine = _participation(user, review)
    if mine is None or mine["role"] == ParticipantRole.OBSERVER:
        return False
    if mine["side"] == Side.REVIEWED:
        return True
    reviewing_state = getattr(output, "reviewing_state_id", None)
    return reviewing_state is None or mine["state_id"] == reviewing_state


def output_step(output) -> Step:
    """The step at which a list of observations or the summary is drafted and signed off."""
    return Step.SUMMARY if isinstance(output, Summary) else Step.OBSERVATIONS


def signing_side(user, review: CountryReview, output) -> Side | None:
    """The side for which the user may sign the output off: focal points only, at the output's own step."""
    if review.step != output_step(output):
        return None
    mine = _participation(user, review)
    if mine is None or mine["role"] != ParticipantRole.FOCAL_POINT or output.is_locked:
        return None
    reviewing_state = getattr(output, "reviewing_state_id", None)
    if mine["side"] == Side.REVIEWING and reviewing_state is not None and mine["state_id"] != reviewing_state:
        return None
    return Side(mine["side"])
