"""Adding focal points, experts and observers to many reviews of a cycle at once, all or nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from reviews import permissions, selectors
from reviews.enums import ParticipantRole
from reviews.models import CountryReview, Participant, ReviewCycle
from reviews.services.errors import ReviewError
from reviews.services.participants import add_participant
from revmod.accounts.enums import AccountStatus
from revmod.accounts.models import User
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@dataclass
class ParticipantsRefused(ReviewError):
    """Every problem found in a bulk addition, each naming the person and the review; nothing was added."""

    problems: list[str]

    def __str__(self) -> str:
        return "\n".join(self.problems)


@transaction.atomic
def add_cycle_participants(
    cycle: ReviewCycle,
    *,
    people: list[User],
    role: ParticipantRole,
    reviews: list[CountryReview] | None = None,
    by,
) -> list[Participant]:
    """Add each person, in ``role``, to the given reviews, or to every review of the cycle their State takes part in.

    The side follows from the person's State. Everything is checked first: a problem with
    any person or review raises ``ParticipantsRefused`` listing them all, and nothing changes.
    Invited people not yet approved are added like others: their access starts when approved.
    """
    if not permissions.can_manage_reviews(by):
        raise ReviewError(_("Only the secretariat adds participants."))
    if cycle.is_closed:
        raise ReviewError(_("A closed cycle cannot be changed."))
    people = list({person.pk: person for person in people}.values())
    if not people:
        raise ReviewError(_("Choose at least one person."))
    in_cycle = {review.pk: review for review in selectors.cycle_reviews_with_participants(cycle)}
    if reviews is not None:
        if not reviews:
            raise ReviewError(_("Choose at least one review."))
        strangers = [review for review in reviews if review.pk not in in_cycle]
        if strangers:
            raise ReviewError(
                _("The review of %(reviewed)s is not part of this cycle.") % {"reviewed": strangers[0].state}
            )
    problems: list[str] = []
    plan: list[tuple[CountryReview, User]] = []
    for person in people:
        targets = _targets_of(person, in_cycle, reviews, problems)
        for review in targets:
            problem = _problem_with(person, review, role)
            if problem:
                problems.append(problem)
            else:
                plan.append((review, person))
    if role == ParticipantRole.FOCAL_POINT:
        problems += _several_focal_points(plan)
    if problems:
        raise ParticipantsRefused(problems)
    added = [add_participant(review, user=person, role=role, by=by) for review, person in plan]
    record(
        AuditAction.PARTICIPANTS_ADDED,
        actor=by,
        target=cycle,
        data={
            "role": role,
            "count": len(added),
            "people": sorted(person.email for person in people),
            "reviews": sorted({review.pk for review, _person in plan}),
        },
    )
    return added


def _targets_of(person: User, in_cycle: dict[int, CountryReview], reviews, problems: list[str]) -> list[CountryReview]:
    names = {"person": person, "state": person.state}
    if person.state_id is None:
        problems.append(_("%(person)s represents no State.") % names)
        return []
    if person.status == AccountStatus.SUSPENDED:
        problems.append(_("The account of %(person)s is suspended.") % names)
        return []
    if reviews is None:
        targets = [review for review in in_cycle.values() if person.state_id in selectors.sides_of_states(review)]
        if not targets:
            problems.append(
                _("%(state)s takes part in no review of this cycle, so %(person)s cannot be added.") % names
            )
        return targets
    targets = []
    for chosen in reviews:
        review = in_cycle[chosen.pk]
        if person.state_id in selectors.sides_of_states(review):
            targets.append(review)
        else:
            problems.append(
                _(
                    "%(person)s cannot take part in the review of %(reviewed)s: %(state)s is neither "
                    "the State under review nor a reviewing State."
                )
                % (names | {"reviewed": review.state})
            )
    return targets


def _problem_with(person: User, review: CountryReview, role: ParticipantRole) -> str:
    names = {"person": person, "state": person.state, "reviewed": review.state}
    for current in selectors.active_participants_of(review):
        if current.user_id == person.pk:
            return _("%(person)s already takes part in the review of %(reviewed)s, as %(role)s.") % (
                names | {"role": current.get_role_display()}
            )
    if role == ParticipantRole.FOCAL_POINT:
        for current in selectors.active_participants_of(review):
            if current.role == ParticipantRole.FOCAL_POINT and current.state_id == person.state_id:
                return _(
                    "%(person)s cannot be the focal point of %(state)s in the review of %(reviewed)s: "
                    "%(other)s already is. Replace them on that review's participants page."
                ) % (names | {"other": current.user})
    return ""


def _several_focal_points(plan: list[tuple[CountryReview, User]]) -> list[str]:
    chosen: dict[tuple[int, int | None], list[User]] = defaultdict(list)
    reviews = {}
    for review, person in plan:
        chosen[(review.pk, person.state_id)].append(person)
        reviews[review.pk] = review
    return [
        _(
            "A State has one focal point per review: %(people)s were all chosen for %(state)s "
            "in the review of %(reviewed)s."
        )
        % {
            "people": ", ".join(str(person) for person in people),
            "state": people[0].state,
            "reviewed": reviews[review_pk].state,
        }
        for (review_pk, _state), people in chosen.items()
        if len(people) > 1
    ]
