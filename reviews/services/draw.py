"""The drawing of lots of a cycle: review groups, reviewing States, the country reviews."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.drawing import Candidate, DrawImpossible, draw
from reviews.enums import CycleStatus, QuestionnaireStatus, Step
from reviews.models import (
    CountryReview,
    Draw,
    Instrument,
    Questionnaire,
    ReviewGroup,
    ReviewPairing,
    StepTransition,
)
from reviews.services.errors import ReviewError
from reviews.services.steps import deadline_for
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.states.enums import InstrumentCode
from revmod.states.models import MemberState


@transaction.atomic
def draw_lots(cycle, *, seed: int, by=None, states=None):
    """Draw the review groups and reviewing States of a cycle and create its country reviews.

    ``states`` are the States under review (default: every party to the Convention).
    Refuses a cycle drawn already and constraints that cannot be met, saving nothing.
    """
    if Draw.objects.filter(cycle=cycle).exists():
        raise ReviewError(_("Lots have already been drawn for this cycle."))
    if cycle.is_closed:
        raise ReviewError(_("A closed cycle cannot be changed."))
    covered = set(cycle.instruments.values_list("code", flat=True)) or set(InstrumentCode.values)

    def candidate(state) -> Candidate:
        parties = frozenset(code for code in InstrumentCode.values if code in covered and state.is_party_to(code))
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
    drawn_due_at = deadline_for(cycle, Step.DRAWN, now)
    reviews = CountryReview.objects.bulk_create(
        [
            CountryReview(
                cycle=cycle,
                group=groups[assignment.review_group],
                state=all_states[assignment.state],
                step=Step.DRAWN,
                step_started_at=now,
                due_at=drawn_due_at,
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
    cycle.status = CycleStatus.RUNNING
    cycle.save(update_fields=["status"])
    record(AuditAction.LOTS_DRAWN, actor=by, target=result, data={"seed": seed, "reviews": len(reviews)})
    return result
