"""Writes of the reviews app: questionnaires, participants, the workflow, answers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elearning.services import enrol_in_onboarding, enrol_in_onboarding_in_bulk
from reviews import notices, permissions, selectors
from reviews.answer_values import AnswerValueError, clean_answer_value, is_empty, required_questions
from reviews.drawing import Candidate, DrawImpossible, draw
from reviews.enums import ParticipantRole, QuestionnaireStatus, Side, Step, ThreadVisibility
from reviews.events import publish, review_group
from reviews.models import (
    Answer,
    AnswerRevision,
    CountryReview,
    Draw,
    Instrument,
    Participant,
    Question,
    Questionnaire,
    ReviewGroup,
    ReviewPairing,
    StepDuration,
    StepTransition,
)
from reviews.services.errors import AnswerConflict, ReviewError, SubmissionIncomplete
from reviews.services.outputs import ensure_outputs, publish_outputs
from reviews.workflow import is_allowed
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.realtime import publish_access_changed
from revmod.states.enums import InstrumentCode
from revmod.states.models import MemberState

# --- Questionnaires ---------------------------------------------------------------


@transaction.atomic
def publish_questionnaire(questionnaire: Questionnaire) -> Questionnaire:
    """Publish a draft, retiring the version it replaces. Published versions never change."""
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ReviewError(_("Only a draft questionnaire can be published."))
    Questionnaire.objects.filter(
        cluster=questionnaire.cluster, instrument=questionnaire.instrument, status=QuestionnaireStatus.PUBLISHED
    ).update(status=QuestionnaireStatus.RETIRED)
    questionnaire.status = QuestionnaireStatus.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    return questionnaire


# --- Participants -------------------------------------------------------------------


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
    notices.participant_added(review, user)
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


# --- Workflow -------------------------------------------------------------------------


def deadline_for(step: Step, started_at: dt.datetime) -> dt.datetime | None:
    duration = StepDuration.objects.filter(step=step).first()
    return started_at + dt.timedelta(days=duration.days) if duration else None


@transaction.atomic
def move_review(review: CountryReview, *, to_step: Step, user, note: str = "") -> StepTransition:
    """Move a review to another step: the next one, or an earlier one to reopen it (secretariat)."""
    to_step = Step(to_step)
    if not permissions.can_manage_reviews(user):
        raise ReviewError(_("Only the secretariat moves a review between steps."))
    if not is_allowed(review.step, to_step):
        raise ReviewError(
            _("A review cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Step(review.step).label, "to": to_step.label}
        )
    leaving_dialogue = review.step == Step.DIALOGUE and Step(to_step).index > Step.DIALOGUE.index
    if leaving_dialogue:
        waiting = selectors.open_clarifications(user, review).count()
        if waiting:
            raise ReviewError(
                ngettext(
                    "%(count)d request for clarification is still waiting for an answer.",
                    "%(count)d requests for clarification are still waiting for an answer.",
                    waiting,
                )
                % {"count": waiting}
            )
    if to_step == Step.FINALIZED:
        publish_outputs(review, user=user)
    if to_step in (Step.FEEDBACK, Step.OBSERVATIONS, Step.SUMMARY):
        ensure_outputs(review)
    return _record_move(review, to_step=to_step, user=user, note=note)


def _record_move(review: CountryReview, *, to_step: Step, user, note: str = "") -> StepTransition:
    now = timezone.now()
    transition = StepTransition.objects.create(
        review=review, from_step=review.step, to_step=to_step, by=user, at=now, note=note
    )
    review.step = to_step
    review.step_started_at = now
    review.due_at = deadline_for(to_step, now)
    fields = ["step", "step_started_at", "due_at"]
    if Step(to_step).index <= Step.SAQ_DRAFTING.index and review.submitted_at is not None:
        review.submitted_at = None  # reopened: the answers are open again
        fields.append("submitted_at")
    review.save(update_fields=fields)
    record(
        AuditAction.STEP_CHANGED,
        actor=user,
        target=review,
        review_id=review.pk,
        data={"from": transition.from_step, "to": to_step, "note": note},
    )
    notices.step_opened(review)
    return transition


@transaction.atomic
def submit_questionnaire(review: CountryReview, *, user) -> StepTransition:
    """The focal point clears the questionnaire: every required answer must be there."""
    review = CountryReview.objects.select_for_update().get(pk=review.pk)
    if not permissions.can_submit(user, review):
        raise ReviewError(_("Only the focal point of the State under review submits, while it is being drafted."))
    answers = {answer.question_id: answer for answer in review.answers.all()}
    questions = list(
        Question.objects.filter(questionnaire__in=review.questionnaires.all()).order_by("questionnaire", "order")
    )
    missing = [question for question in required_questions(questions, answers) if is_empty(answers.get(question.pk))]
    if missing:
        raise SubmissionIncomplete(missing)
    review.submitted_at = timezone.now()
    review.save(update_fields=["submitted_at"])
    ensure_outputs(review)
    record(AuditAction.QUESTIONNAIRE_SUBMITTED, actor=user, target=review, review_id=review.pk)
    return _record_move(review, to_step=Step.FEEDBACK, user=user, note=_("Questionnaire submitted"))


# --- Answers --------------------------------------------------------------------------


@transaction.atomic
def save_answer(
    review: CountryReview,
    question: Question,
    *,
    value,
    base_revision: int,
    user,
    idempotency_key: str | None = None,
) -> Answer:
    """Save one answer, refusing it if someone saved another version since ``base_revision``.

    A retry with the ``idempotency_key`` of a stored attempt stores nothing: it gets the
    answer back, or the conflict if someone saved another version since that attempt.
    The pages viewing the question's discussion hear of the new revision after the commit.
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
    if answer.value == value:
        return answer
    answer.value = value
    answer.revision += 1
    answer.updated_by = user
    answer.updated_at = timezone.now()
    answer.save(update_fields=["value", "revision", "updated_by", "updated_at"])
    AnswerRevision.objects.create(
        answer=answer, number=answer.revision, value=value, author=user, idempotency_key=idempotency_key or ""
    )
    publish(
        review_group(review.pk, ThreadVisibility.ALL, on_questions=True),
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


def participants_waiting(review: CountryReview) -> Q:
    """Participants whose move it is at the review's current step (for "waiting on me")."""
    step = Step(review.step)
    if step == Step.SAQ_DRAFTING:
        return Q(side=Side.REVIEWED) & ~Q(role=ParticipantRole.OBSERVER)
    if step in {Step.FEEDBACK, Step.OBSERVATIONS}:
        return Q(side=Side.REVIEWING) & ~Q(role=ParticipantRole.OBSERVER)
    if step in {Step.DIALOGUE, Step.SUMMARY, Step.CONSULTATION}:
        return ~Q(role=ParticipantRole.OBSERVER)
    if step in {Step.DRAWN, Step.STAFFING}:
        return Q(role=ParticipantRole.FOCAL_POINT)
    return Q(pk__in=[])


# --- Drawing of lots ------------------------------------------------------------------


@transaction.atomic
def draw_lots(cycle, *, seed: int, by=None, states=None):
    """Draw the review groups and reviewing States of a cycle and create its country reviews.

    ``states`` are the States under review (default: every party to the Convention).
    Refuses a cycle drawn already and constraints that cannot be met, saving nothing.
    """
    if Draw.objects.filter(cycle=cycle).exists():
        raise ReviewError(_("Lots have already been drawn for this cycle."))

    def candidate(state) -> Candidate:
        parties = frozenset(code for code in InstrumentCode.values if state.is_party_to(code))
        return Candidate(iso3=state.iso3, group=state.regional_group, parties=parties)

    all_states = {state.iso3: state for state in MemberState.objects.all()}
    pool = [candidate(state) for state in all_states.values() if state.party_untoc]
    chosen = list(states) if states is not None else [state for state in all_states.values() if state.party_untoc]
    under_review = [candidate(state) for state in chosen]
    try:
        assignments = draw(under_review, pool, seed=seed, group_count=cycle.group_count)
    except DrawImpossible as error:
        raise ReviewError(str(error)) from error

    groups = {
        number: ReviewGroup.objects.get_or_create(
            cycle=cycle, number=number, defaults={"year": cycle.first_year + number - 1}
        )[0]
        for number in range(1, cycle.group_count + 1)
    }
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    published = {
        questionnaire.instrument.code: questionnaire
        for questionnaire in Questionnaire.objects.filter(
            cluster=cycle.cluster, status=QuestionnaireStatus.PUBLISHED
        ).select_related("instrument")
    }
    now = timezone.now()
    reviews = CountryReview.objects.bulk_create(
        [
            CountryReview(
                cycle=cycle,
                group=groups[assignment.review_group],
                state=all_states[assignment.state],
                step=Step.DRAWN,
                step_started_at=now,
                due_at=deadline_for(Step.DRAWN, now),
            )
            for assignment in assignments
        ]
    )
    review_of = {review.state.iso3: review for review in reviews}
    pairings, links = [], []
    for assignment in assignments:
        review = review_of[assignment.state]
        for code, picks in assignment.reviewers.items():
            for kind, iso3 in picks.items():
                pairings.append(
                    ReviewPairing(
                        review=review,
                        instrument=instruments[code],
                        reviewing_state=all_states[iso3],
                        kind=kind,
                        is_extra=(code, kind) in assignment.extra,
                    )
                )
            if code in published:
                links.append(CountryReview.questionnaires.through(countryreview=review, questionnaire=published[code]))
    ReviewPairing.objects.bulk_create(pairings)
    CountryReview.questionnaires.through.objects.bulk_create(links)
    StepTransition.objects.bulk_create(
        [StepTransition(review=review, from_step="", to_step=Step.DRAWN, by=by, at=now) for review in reviews]
    )
    log = [
        {
            "state": assignment.state,
            "group": assignment.review_group,
            "reviewers": assignment.reviewers,
            "extra": sorted(f"{code}:{kind}" for code, kind in assignment.extra),
        }
        for assignment in assignments
    ]
    result = Draw.objects.create(
        cycle=cycle,
        seed=seed,
        drawn_by=by,
        drawn_at=now,
        parameters={"states": sorted(c.iso3 for c in under_review), "group_count": cycle.group_count},
        log=log,
    )
    record(AuditAction.LOTS_DRAWN, actor=by, target=result, data={"seed": seed, "reviews": len(reviews)})
    return result


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
