"""Answers to a questionnaire: saved with their revision, refused on a conflict."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews import permissions
from reviews.answer_values import AnswerValueError, NeedInput, clean_answer_value
from reviews.enums import ThreadVisibility
from reviews.events import publish, review_group
from reviews.models import (
    Answer,
    AnswerRevision,
    CountryReview,
    Question,
)
from reviews.services.assistance import as_clean, clean_needs, replace_answer_needs
from reviews.services.clearance import note_content_changed
from reviews.services.errors import AnswerConflict, ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@transaction.atomic
def save_answer(
    review: CountryReview,
    question: Question,
    *,
    value,
    base_revision: int,
    user,
    idempotency_key: str | None = None,
    needs: list[NeedInput] | None = None,
) -> Answer:
    """Save one answer, refusing it if someone saved another version since ``base_revision``.

    A retry with the ``idempotency_key`` of a stored attempt stores nothing: it gets the
    answer back, or the conflict if someone saved another version since that attempt.
    The pages viewing the question's discussion hear of the new revision after the commit.
    An edit sets the answer drafted; ``answer.clearance_withdrawn`` then says whether it had
    been cleared (the editor is told that the focal point must clear it again).

    ``needs``, for a question that asks for technical assistance needs, replaces the answer's
    needs: part of the answer, they follow its revision, conflicts and clearance. None leaves them.
    """
    if not permissions.can_answer(user, review):
        raise ReviewError(_("The questionnaire cannot be changed now."))
    if not review.questionnaires.filter(pk=question.questionnaire_id).exists():
        raise ReviewError(_("This question is not part of the review."))
    try:
        value = clean_answer_value(question, value)
    except AnswerValueError as error:
        raise ReviewError(str(error)) from error
    answer, _created = Answer.objects.select_for_update().get_or_create(review=review, question=question)
    current_needs = list(answer.assistance_needs.all()) if needs is not None else []
    new_needs = clean_needs(question, needs, current=current_needs) if needs is not None else None
    answer.clearance_withdrawn = False
    if idempotency_key:
        earlier = AnswerRevision.objects.filter(author=user, idempotency_key=idempotency_key).first()
        if earlier is not None and earlier.answer_id == answer.pk:
            if earlier.number != answer.revision:
                raise AnswerConflict(answer)
            return answer
        if earlier is not None:  # a key used for another answer: not this attempt's
            idempotency_key = None
    if answer.revision != base_revision:
        raise AnswerConflict(answer)
    needs_changed = new_needs is not None and new_needs != [as_clean(need) for need in current_needs]
    if answer.value == value and not needs_changed:
        return answer
    if needs_changed and new_needs is not None:
        replace_answer_needs(answer, new_needs)
    answer.value = value
    answer.revision += 1
    answer.updated_by = user
    answer.updated_at = timezone.now()
    answer.save(update_fields=["value", "revision", "updated_by", "updated_at"])
    AnswerRevision.objects.create(
        answer=answer, number=answer.revision, value=value, author=user, idempotency_key=idempotency_key or ""
    )
    answer.clearance_withdrawn = note_content_changed(answer, user=user)
    for visibility in (ThreadVisibility.ALL, ThreadVisibility.STATE):
        publish(
            review_group(review.pk, visibility, on_questions=True),
            {"type": "answer.saved", "question": question.pk, "revision": answer.revision},
        )
    record(
        AuditAction.ANSWER_SAVED,
        actor=user,
        target=answer,
        review_id=review.pk,
        data={"question": question.number, "revision": answer.revision},
    )
    return answer


def restore_revision(revision: AnswerRevision, *, base_revision: int, user) -> Answer:
    """Save the value of an earlier revision as a new revision, with every rule of ``save_answer``.

    ``base_revision`` is the revision the restorer saw as current: a later save is a conflict.
    """
    answer = revision.answer
    return save_answer(answer.review, answer.question, value=revision.value, base_revision=base_revision, user=user)
