from __future__ import annotations

from collections import Counter

import pytest

from reviews.drawing import Candidate, DrawImpossible, draw
from reviews.models import CountryReview, Draw, ReviewPairing
from reviews.services import ReviewError, draw_lots
from revmod.states.models import MemberState
from tests.factories.reviews import cycle

ALL = frozenset({"untoc", "tip", "som", "firearms"})


def world_pool(n_per_group: int = 8) -> list[Candidate]:
    return [
        Candidate(iso3=f"{group[:2].upper()}{index:02d}", group=group, parties=ALL)
        for group in (
            "african",
            "asia_pacific",
            "eastern_european",
            "latin_american_caribbean",
            "western_european_others",
        )
        for index in range(n_per_group)
    ]


def test_each_state_gets_one_reviewer_from_its_group_and_one_from_another():
    pool = world_pool()

    assignments = draw(pool, pool, seed=7)

    groups = {candidate.iso3: candidate.group for candidate in pool}
    for assignment in assignments:
        same, other = assignment.reviewers["untoc"]["same_region"], assignment.reviewers["untoc"]["other_region"]
        assert groups[same] == groups[assignment.state]
        assert groups[other] != groups[assignment.state]
        assert assignment.state not in (same, other)


def test_the_load_is_spread_evenly():
    pool = world_pool()

    assignments = draw(pool, pool, seed=11)

    load = Counter(iso3 for a in assignments for iso3 in a.reviewers["untoc"].values())
    assert sum(load.values()) == 2 * len(pool)
    # Every State reviews about twice; the last ones drawn may be one off because a State
    # never reviews itself.
    assert min(load.values()) >= 1
    assert max(load.values()) <= 3


def test_same_seed_gives_the_same_draw_and_another_seed_another():
    pool = world_pool()

    first, again, other = draw(pool, pool, seed=42), draw(pool, pool, seed=42), draw(pool, pool, seed=43)

    assert [(a.state, a.review_group, a.reviewers) for a in first] == [
        (a.state, a.review_group, a.reviewers) for a in again
    ]
    assert [a.reviewers for a in first] != [a.reviewers for a in other]


def test_states_are_split_evenly_into_review_groups():
    pool = world_pool()

    assignments = draw(pool, pool, seed=3, group_count=3)

    sizes = Counter(a.review_group for a in assignments)
    assert sorted(sizes) == [1, 2, 3]
    assert max(sizes.values()) - min(sizes.values()) <= 1


def test_a_reviewer_not_party_to_a_protocol_is_replaced_by_an_extra_reviewer():
    reviewed = Candidate("AAA", "african", ALL)
    not_party = Candidate("BBB", "african", frozenset({"untoc"}))
    party = Candidate("CCC", "african", ALL)
    elsewhere = Candidate("DDD", "asia_pacific", ALL)
    # BBB is the only candidate with no load at first; force it to be picked for the Convention.
    assignments = draw([reviewed], [reviewed, not_party, elsewhere, party], seed=1)

    picks = assignments[0].reviewers
    same_for_untoc = picks["untoc"]["same_region"]
    for protocol in ("tip", "som", "firearms"):
        assert picks[protocol]["same_region"] != "BBB"
        assert picks[protocol]["other_region"] == "DDD"
    if same_for_untoc == "BBB":
        assert ("tip", "same_region") in assignments[0].extra
        assert picks["tip"]["same_region"] == "CCC"


def test_impossible_constraints_are_refused_with_a_clear_message():
    lonely = Candidate("AAA", "eastern_european", ALL)
    others = [Candidate("BBB", "african", ALL), Candidate("CCC", "african", ALL)]

    with pytest.raises(
        DrawImpossible, match="No State from its own regional group is party to untoc and free to review AAA"
    ):
        draw([lonely], [lonely, *others], seed=1)


@pytest.mark.django_db
def test_draw_lots_creates_reviews_pairings_and_records_the_seed(secretariat):
    the_cycle = cycle()

    result = draw_lots(the_cycle, seed=2026, by=secretariat)

    parties = MemberState.objects.filter(party_untoc=True).count()
    assert CountryReview.objects.filter(cycle=the_cycle).count() == parties
    assert result.seed == 2026
    assert len(result.log) == parties
    pairing = ReviewPairing.objects.filter(instrument__code="untoc").select_related("review__state", "reviewing_state")
    for item in pairing:
        assert item.reviewing_state != item.review.state
        assert item.reviewing_state.party_untoc
        same_group = item.reviewing_state.regional_group == item.review.state.regional_group
        assert same_group == (item.kind == "same_region")
    load = Counter(
        ReviewPairing.objects.filter(instrument__code="untoc").values_list("reviewing_state__iso3", flat=True)
    )
    assert max(load.values()) - min(load.values()) <= 2
    for item in ReviewPairing.objects.exclude(instrument__code="untoc").select_related("reviewing_state", "instrument"):
        assert item.reviewing_state.is_party_to(item.instrument.code)


@pytest.mark.django_db
def test_draw_lots_is_reproducible_from_its_recorded_seed(secretariat):
    first = draw_lots(cycle(title="A"), seed=99, by=secretariat)
    second = draw_lots(cycle(title="B"), seed=first.seed, by=secretariat)

    assert first.log == second.log


@pytest.mark.django_db
def test_draw_lots_refuses_a_cycle_drawn_already(secretariat):
    the_cycle = cycle()
    draw_lots(the_cycle, seed=1, by=secretariat)

    with pytest.raises(ReviewError, match="already been drawn"):
        draw_lots(the_cycle, seed=2, by=secretariat)
    assert Draw.objects.count() == 1
