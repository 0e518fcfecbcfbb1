"""Feedback, lists of observations and summaries: drafting, sign-off, lock and publication."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews import permissions
from reviews.answer_values import NeedInput
from reviews.enums import ObservationCategory, OutputStatus, Side, Step
from reviews.models import AssistanceNeed, CountryReview, Feedback, Observation, ObservationList, Summary
from reviews.services.assistance import clean_observation_need
from reviews.services.errors import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


def ensure_outputs(review: CountryReview) -> None:
    """One feedback and one list per reviewing State of the Convention, and the summary."""
    states = sorted({p.reviewing_state_id for p in review.pairings.all() if not p.is_extra})
    for state_id in states:
        Feedback.objects.get_or_create(review=review, reviewing_state_id=state_id)
        ObservationList.objects.get_or_create(review=review, reviewing_state_id=state_id)
    Summary.objects.get_or_create(review=review)


@transaction.atomic
def save_feedback(feedback: Feedback, *, text: str, user) -> Feedback:
    if not permissions.can_write_feedback(user, feedback.review, feedback):
        raise ReviewError(_("This feedback cannot be changed now."))
    feedback.text, feedback.updated_by, feedback.updated_at = text.strip(), user, timezone.now()
    feedback.save(update_fields=["text", "updated_by", "updated_at"])
    record(AuditAction.OUTPUT_CHANGED, actor=user, target=feedback, review_id=feedback.review_id)
    return feedback


@transaction.atomic
def send_feedback(feedback: Feedback, *, user) -> Feedback:
    if not permissions.can_send_feedback(user, feedback.review, feedback):
        raise ReviewError(_("Only the focal point of the reviewing State sends its feedback."))
    if not feedback.text.strip():
        raise ReviewError(_("Write the feedback before sending it."))
    feedback.submitted_at = timezone.now()
    feedback.save(update_fields=["submitted_at"])
    record(AuditAction.OUTPUT_SIGNED, actor=user, target=feedback, review_id=feedback.review_id)
    return feedback


def _changed(output, user) -> None:
    """Any change to a draft withdraws the sign-offs: people sign a version, not a document."""
    output.updated_by, output.updated_at = user, timezone.now()
    output.reviewed_signed_by = output.reviewing_signed_by = None
    output.reviewed_signed_at = output.reviewing_signed_at = None
    output.save(
        update_fields=[
            "updated_by",
            "updated_at",
            "reviewed_signed_by",
            "reviewing_signed_by",
            "reviewed_signed_at",
            "reviewing_signed_at",
        ]
    )
    record(AuditAction.OUTPUT_CHANGED, actor=user, target=output, review_id=output.review_id)


@transaction.atomic
def add_observation(
    observation_list: ObservationList,
    *,
    category: ObservationCategory,
    text: str,
    articles=(),
    questions=(),
    need: NeedInput | None = None,
    user,
) -> Observation:
    """Add an item to the list; one of category "technical assistance need" records the need it names."""
    review = observation_list.review
    if not permissions.can_write_output(user, review, observation_list, step=Step.OBSERVATIONS):
        raise ReviewError(_("This list of observations cannot be changed now."))
    if not text.strip():
        raise ReviewError(_("Write the observation."))
    clean = None
    if category == ObservationCategory.ASSISTANCE:
        clean = clean_observation_need(review, need or NeedInput())
    item = Observation.objects.create(
        observation_list=observation_list,
        category=category,
        text=text.strip(),
        order=observation_list.items.count() + 1,
    )
    item.articles.set(articles)
    item.questions.set([q for q in questions if review.questionnaires.filter(pk=q.questionnaire_id).exists()])
    if clean is not None:
        AssistanceNeed.objects.create(
            observation=item,
            category_id=clean.category_id,
            article_id=clean.article_id,
            priority=clean.priority,
            text=clean.text,
        )
    _changed(observation_list, user)
    return item


@transaction.atomic
def remove_observation(item: Observation, *, user) -> None:
    observation_list = item.observation_list
    if not permissions.can_write_output(user, observation_list.review, observation_list, step=Step.OBSERVATIONS):
        raise ReviewError(_("This list of observations cannot be changed now."))
    item.delete()
    _changed(observation_list, user)


@transaction.atomic
def save_summary(summary: Summary, *, text: str, user) -> Summary:
    if not permissions.can_write_output(user, summary.review, summary, step=Step.SUMMARY):
        raise ReviewError(_("The summary cannot be changed now."))
    summary.text = text.strip()
    summary.save(update_fields=["text"])
    _changed(summary, user)
    return summary


@transaction.atomic
def sign_off(output, *, user):
    """The focal point of one side agrees; once both sides have, the output is locked."""
    if output.review.step != permissions.output_step(output):
        raise ReviewError(_("This can be signed off only while the review is at its step."))
    side = permissions.signing_side(user, output.review, output)
    if side is None:
        raise ReviewError(_("Only the focal points of the two sides sign off."))
    empty = not output.text.strip() if isinstance(output, Summary) else not output.items.exists()
    if empty:
        raise ReviewError(_("There is nothing to sign off yet."))
    now = timezone.now()
    if side == Side.REVIEWED:
        output.reviewed_signed_by, output.reviewed_signed_at = user, now
    else:
        output.reviewing_signed_by, output.reviewing_signed_at = user, now
    fields = ["reviewed_signed_by", "reviewed_signed_at", "reviewing_signed_by", "reviewing_signed_at"]
    record(AuditAction.OUTPUT_SIGNED, actor=user, target=output, review_id=output.review_id, data={"side": side})
    if output.reviewed_signed_by_id and output.reviewing_signed_by_id:
        output.status, output.locked_at = OutputStatus.LOCKED, now
        fields += ["status", "locked_at"]
        record(AuditAction.OUTPUT_LOCKED, actor=user, target=output, review_id=output.review_id)
    output.save(update_fields=fields)
    return output


def publish_outputs(review: CountryReview, *, user) -> None:
    """On finalization: the agreed summary becomes public; lists of observations go to the working groups only."""
    summary = Summary.objects.filter(review=review).first()
    if summary is None or not summary.is_locked:
        raise ReviewError(_("The summary must be agreed and locked before the review is finalized."))
    summary.published_at = timezone.now()
    summary.save(update_fields=["published_at"])
    record(AuditAction.REVIEW_PUBLISHED, actor=user, target=summary, review_id=review.pk)
