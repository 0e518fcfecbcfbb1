"""The drawing of lots, as a pure function of its inputs and a seed.

Each State under review is reviewed, for each instrument it is party to, by two States:
one from its own regional group and one from another group, both party to that
instrument, never itself. The two reviewers of the Convention serve for the Protocols
too; where one of them is not party to a Protocol, an extra reviewer of the same kind
is drawn for that Protocol. Among the eligible States, those with the fewest reviews
so far are preferred, so the load is spread evenly; ties are broken by the seeded
random generator, so the same seed and inputs always give the same draw.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAIN_INSTRUMENT = "untoc"


@dataclass(frozen=True)
class Candidate:
    iso3: str
    group: str
    parties: frozenset[str]


@dataclass
class Assignment:
    state: str
    review_group: int
    reviewers: dict[str, dict[str, str]] = field(default_factory=dict)  # instrument -> kind -> iso3
    extra: set[tuple[str, str]] = field(default_factory=set)  # (instrument, kind) drawn as extra


class DrawImpossible(ValueError):
    """The constraints cannot be met; the message says for which State and instrument."""


def split_into_groups(states: list[str], group_count: int, rng: random.Random) -> dict[str, int]:
    shuffled = sorted(states)
    rng.shuffle(shuffled)
    return {iso3: index % group_count + 1 for index, iso3 in enumerate(shuffled)}


def draw(under_review: list[Candidate], pool: list[Candidate], *, seed: int, group_count: int = 3) -> list[Assignment]:
    rng = random.Random(seed)
    pool = sorted(pool, key=lambda candidate: candidate.iso3)
    under_review = sorted(under_review, key=lambda candidate: candidate.iso3)
    groups = split_into_groups([candidate.iso3 for candidate in under_review], group_count, rng)
    load: Counter[str] = Counter()
    assignments = []
    order = list(under_review)
    rng.shuffle(order)
    for reviewed in order:
        assignment = Assignment(state=reviewed.iso3, review_group=groups[reviewed.iso3])
        instruments = sorted(reviewed.parties, key=lambda code: (code != MAIN_INSTRUMENT, code))
        main: dict[str, Candidate] = {}
        extras: dict[str, list[Candidate]] = {"same_region": [], "other_region": []}
        for instrument in instruments:
            assignment.reviewers[instrument] = {}
            for kind in ("same_region", "other_region"):
                chosen = main.get(kind)
                if chosen is None or instrument not in chosen.parties:
                    is_extra = chosen is not None
                    # An extra reviewer drawn for one Protocol serves the others it is party to.
                    chosen = next((extra for extra in extras[kind] if instrument in extra.parties), None)
                    if chosen is None:
                        taken = {candidate.iso3 for candidate in main.values()}
                        taken |= set(assignment.reviewers[instrument].values())
                        chosen = _pick(reviewed, instrument, kind, pool, load, rng, exclude=taken)
                        load[chosen.iso3] += 1
                        if is_extra:
                            extras[kind].append(chosen)
                        else:
                            main[kind] = chosen
                    if is_extra:
                        assignment.extra.add((instrument, kind))
                assignment.reviewers[instrument][kind] = chosen.iso3
        assignments.append(assignment)
    return sorted(assignments, key=lambda assignment: assignment.state)


def _pick(  # noqa: PLR0917 - a private helper of draw()
    reviewed: Candidate,
    instrument: str,
    kind: str,
    pool: list[Candidate],
    load: Counter[str],
    rng: random.Random,
    *,
    exclude: set[str],
) -> Candidate:
    same = kind == "same_region"
    eligible = [
        candidate
        for candidate in pool
        if candidate.iso3 != reviewed.iso3
        and candidate.iso3 not in exclude
        and instrument in candidate.parties
        and (candidate.group == reviewed.group) == same
    ]
    if not eligible:
        where = _("its own regional group") if same else _("another regional group")
        raise DrawImpossible(
            _("No State from %(where)s is party to %(instrument)s and free to review %(state)s.")
            % {"where": where, "instrument": instrument, "state": reviewed.iso3}
        )
    lightest = min(load[candidate.iso3] for candidate in eligible)
    return rng.choice([candidate for candidate in eligible if load[candidate.iso3] == lightest])
