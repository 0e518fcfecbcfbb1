"""The reviews' panel of the dashboard: each review with its next deadline, and what waits on the person."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from reviews import permissions, selectors
from reviews.answer_values import is_empty
from reviews.enums import AnswerStatus, ParticipantRole, Side, Step
from reviews.models import Answer, CountryReview, Observation, ObservationList, Question, Summary
from revmod.core.dashboard import Panel, register

SHOWN = 20  # reviews listed; the rest are on the My reviews page
# Who speaks for the State in the dialogue (requests for clarification), and who drafts its answers.
ANSWERING_ROLES = (ParticipantRole.FOCAL_POINT, ParticipantRole.EXPERT)
DRAFTING_ROLES = (*ANSWERING_ROLES, ParticipantRole.CONTRIBUTOR)


@register(order=10)
def reviews_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    if permissions.can_manage_reviews(user):
        late = (
            selectors.my_reviews(user).filter(due_at__lt=timezone.now()).exclude(step=Step.FINALIZED).order_by("due_at")
        )
        return Panel("reviews/dashboard/_secretariat.html", {"late": list(late[:SHOWN]), "late_count": late.count()})
    reviews = list(selectors.my_reviews(user).order_by("due_at")[:SHOWN])
    if not reviews:
        return None
    answering = [review for review in reviews if _takes_part_as(review, ANSWERING_ROLES)]
    drafting = [review for review in reviews if review.step == Step.SAQ_DRAFTING]
    to_draft, first_questionnaire = _answers_to_draft(
        [review for review in drafting if _takes_part_as(review, DRAFTING_ROLES)]
    )
    to_clear = _answers_to_clear(
        [review for review in drafting if _takes_part_as(review, (ParticipantRole.FOCAL_POINT,))]
    )
    to_clarify = selectors.clarifications_waiting(answering)
    to_sign = _outputs_to_sign(user, [review for review in reviews if review.step in SIGNING_STEPS])
    for review in reviews:
        review.to_draft = to_draft.get(review.pk, 0)
        review.draft_questionnaire = first_questionnaire.get(review.pk)
        review.to_clear = to_clear.get(review.pk, 0)
        review.to_clarify = to_clarify.get(review.pk, 0)
        review.to_sign = to_sign.get(review.pk, 0)
    return Panel("reviews/dashboard/_reviews.html", {"reviews": reviews})


def _takes_part_as(review: CountryReview, roles: tuple[str, ...]) -> bool:
    """Whether the person (participation prefetched by my_reviews as ``mine``) is on the State's side in ``roles``."""
    mine = getattr(review, "mine", [])
    return any(p.side == Side.REVIEWED and p.role in roles for p in mine)


SIGNING_STEPS = (Step.OBSERVATIONS, Step.SUMMARY)


def _outputs_to_sign(user, reviews: list[CountryReview]) -> dict[int, int]:
    """Per review, the outputs of its current step that wait on the person's signature as a focal point.

    The reviewed State's focal point signs every list of observations and the summary; a
    reviewing State's focal point signs its own State's list and the summary. One query per
    kind of output, and none when the person signs nothing. An empty output cannot be signed yet.
    """
    signing = {
        review.pk: participation
        for review in reviews
        for participation in getattr(review, "mine", [])
        if participation.role == ParticipantRole.FOCAL_POINT
    }
    if not signing:
        return {}
    counts: dict[int, int] = {}
    at_step = {review.pk: review.step for review in reviews if review.pk in signing}
    lists = ObservationList.objects.filter(
        Exists(Observation.objects.filter(observation_list=OuterRef("pk"))),
        review_id__in=[pk for pk, step in at_step.items() if step == Step.OBSERVATIONS],
    ).values_list("review_id", "reviewing_state_id", "reviewed_signed_at", "reviewing_signed_at")
    for review_id, reviewing_state_id, reviewed_signed_at, reviewing_signed_at in lists:
        mine = signing[review_id]
        if mine.side == Side.REVIEWED:
            unsigned = reviewed_signed_at is None
        else:
            unsigned = mine.state_id == reviewing_state_id and reviewing_signed_at is None
        if unsigned:
            counts[review_id] = counts.get(review_id, 0) + 1
    summaries = (
        Summary.objects.filter(review_id__in=[pk for pk, step in at_step.items() if step == Step.SUMMARY])
        .exclude(text="")
        .values_list("review_id", "reviewed_signed_at", "reviewing_signed_at")
    )
    for review_id, reviewed_signed_at, reviewing_signed_at in summaries:
        signed = reviewed_signed_at if signing[review_id].side == Side.REVIEWED else reviewing_signed_at
        if signed is None:
            counts[review_id] = counts.get(review_id, 0) + 1
    return counts


def _answers_to_clear(reviews: list[CountryReview]) -> dict[int, int]:
    """Per review whose focal point the person is, the answers marked ready and waiting on their clearance."""
    if not reviews:
        return {}
    rows = (
        Answer.objects.filter(review__in=reviews, status=AnswerStatus.READY)
        .values("review_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["review_id"]: row["count"] for row in rows}


def _answers_to_draft(reviews: list[CountryReview]) -> tuple[dict[int, int], dict[int, int]]:
    """Per review, the required questions (not follow-ups) without an answer yet, and its first
    questionnaire (where the link goes): two queries in all."""
    if not reviews:
        return {}, {}
    required = (
        Question.objects.filter(questionnaire__reviews__in=reviews, required=True, parent__isnull=True)
        .values_list("questionnaire__reviews", "questionnaire_id", "pk")
        .order_by("questionnaire_id")
        .distinct()
    )
    asked: dict[int, set[int]] = {}
    first: dict[int, int] = {}
    for review_id, questionnaire_id, question_id in required:
        asked.setdefault(review_id, set()).add(question_id)
        first.setdefault(review_id, questionnaire_id)
    answered: dict[int, set[int]] = {}
    rows = Answer.objects.filter(review__in=reviews, question__required=True, question__parent__isnull=True)
    for review_id, question_id, value in rows.values_list("review_id", "question_id", "value"):
        if not is_empty(value):
            answered.setdefault(review_id, set()).add(question_id)
    missing = {review_id: len(questions - answered.get(review_id, set())) for review_id, questions in asked.items()}
    return missing, first
