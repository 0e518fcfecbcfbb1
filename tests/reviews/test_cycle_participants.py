"""The participants of a whole cycle: the secretariat adds people to many reviews at once, all or nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews import permissions
from reviews.enums import CycleStatus, ParticipantRole, Side
from reviews.models import Participant, ReviewCycle
from reviews.services import ParticipantsRefused, ReviewError, add_cycle_participants
from revmod.accounts.enums import AccountStatus
from revmod.accounts.services import activate_account, approve_account, invite_person
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as
from tests.factories import UserFactory, state
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")


def page_url(world, **query) -> str:
    url = reverse("reviews:cycle_participants", kwargs={"pk": world.review.cycle.pk})
    return f"{url}?state={state(query['state']).pk}" if "state" in query else url


def active_participations() -> list[tuple[str, str, str, str]]:
    return sorted(
        Participant.objects.filter(is_active=True).values_list("user__email", "review__state__iso3", "side", "role")
    )


@pytest.mark.parametrize(
    ("method", "expected"), [("get", (200, 404, 404, 404, 302)), ("post", (302, 404, 404, 404, 302))]
)
def test_permission_table_of_the_cycle_participants_page(client, world, method, expected):
    newcomer = UserFactory(state=state("DEU"), email="new.deu@test.org")
    before = active_participations()
    statuses = {}
    for person in reversed(PEOPLE):  # the secretariat last: the others must meet an unchanged cycle
        sign_in_as(client, world, person)
        if method == "post":
            data = {"people": [newcomer.pk], "role": ParticipantRole.EXPERT, "scope": "all"}
            statuses[person] = client.post(page_url(world, state="DEU"), data).status_code
        else:
            statuses[person] = client.get(page_url(world, state="DEU")).status_code
        if person != "secretariat":
            assert active_participations() == before

    assert statuses == dict(zip(PEOPLE, expected, strict=True))
    added = {("new.deu@test.org", "FRA", Side.REVIEWING, ParticipantRole.EXPERT)} if method == "post" else set()
    assert set(active_participations()) - set(before) == added
    bulk_entries = AuditEntry.objects.filter(action=AuditAction.PARTICIPANTS_ADDED)
    assert [entry.actor for entry in bulk_entries] == ([world.secretariat] if method == "post" else [])


def test_secretariat_adds_experts_of_a_state_to_every_review_it_takes_part_in(client, world):
    italy = review(of="ITA", same_region="DEU", other_region="BRA", in_cycle=world.review.cycle)
    first = UserFactory(state=state("DEU"), email="a.deu@test.org")
    second = UserFactory(state=state("DEU"), email="b.deu@test.org")
    client.force_login(world.secretariat)

    response = client.post(
        page_url(world, state="DEU"),
        {"people": [first.pk, second.pk], "role": ParticipantRole.EXPERT, "scope": "all"},
    )

    assert response.status_code == 302
    assert response["Location"] == page_url(world, state="DEU")
    added = sorted(
        Participant.objects.filter(user__in=[first, second], is_active=True).values_list(
            "user__email", "review__state__iso3", "side", "role"
        )
    )
    assert added == [
        ("a.deu@test.org", "FRA", Side.REVIEWING, ParticipantRole.EXPERT),
        ("a.deu@test.org", "ITA", Side.REVIEWING, ParticipantRole.EXPERT),
        ("b.deu@test.org", "FRA", Side.REVIEWING, ParticipantRole.EXPERT),
        ("b.deu@test.org", "ITA", Side.REVIEWING, ParticipantRole.EXPERT),
    ]
    assert permissions.can_view(first, italy)
    bulk = AuditEntry.objects.get(action=AuditAction.PARTICIPANTS_ADDED)
    assert (bulk.actor, bulk.target_id, bulk.data["count"]) == (world.secretariat, str(world.review.cycle.pk), 4)
    assert AuditEntry.objects.filter(action=AuditAction.PARTICIPANT_ADDED, actor=world.secretariat).count() == 4


def test_the_side_follows_the_state_under_review(world):
    expert = UserFactory(state=state("EGY"))

    added = add_cycle_participants(
        world.review.cycle, people=[expert], role=ParticipantRole.OBSERVER, by=world.secretariat
    )

    assert [(p.review, p.side, p.role) for p in added] == [
        (world.other_review, Side.REVIEWED, ParticipantRole.OBSERVER)
    ]


def test_selected_reviews_only(client, world):
    italy = review(of="ITA", same_region="DEU", other_region="BRA", in_cycle=world.review.cycle)
    person = UserFactory(state=state("BRA"))
    client.force_login(world.secretariat)

    response = client.post(
        page_url(world, state="BRA"),
        {"people": [person.pk], "role": ParticipantRole.EXPERT, "scope": "selected", "reviews": [italy.pk]},
    )

    assert response.status_code == 302
    assert list(Participant.objects.filter(user=person).values_list("review__state__iso3", flat=True)) == ["ITA"]


def test_selected_scope_without_a_review_is_refused_and_nothing_changes(client, world):
    person = UserFactory(state=state("BRA"))
    client.force_login(world.secretariat)
    before = active_participations()

    response = client.post(
        page_url(world, state="BRA"), {"people": [person.pk], "role": ParticipantRole.EXPERT, "scope": "selected"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reviews": ["Tick at least one review, or choose every review."]}
    assert active_participations() == before


def test_every_problem_is_named_and_nothing_is_added(client, world):
    """One good addition and three refused ones: the page lists the refusals and adds nothing at all."""
    good = UserFactory(state=state("DEU"), full_name="Good Person")
    client.force_login(world.secretariat)
    before = active_participations()

    response = client.post(
        page_url(world, state="DEU"),
        {
            "people": [good.pk, world.reviewing_expert.pk, world.observer.pk],
            "role": ParticipantRole.FOCAL_POINT,
            "scope": "all",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    expert, observer = world.reviewing_expert, world.observer
    assert sorted(errors) == sorted(
        [
            f"{expert} already takes part in the review of France, as Governmental expert.",
            f"{observer} already takes part in the review of France, as Observer.",
        ]
    )
    assert active_participations() == before
    assert not AuditEntry.objects.filter(action=AuditAction.PARTICIPANTS_ADDED).exists()


def test_a_person_of_a_state_outside_the_review_is_refused(world):
    outsider = UserFactory(state=state("JPN"), full_name="Aiko Outside")
    before = active_participations()

    with pytest.raises(ParticipantsRefused) as refused:
        add_cycle_participants(
            world.review.cycle,
            people=[outsider],
            role=ParticipantRole.EXPERT,
            reviews=[world.review, world.other_review],
            by=world.secretariat,
        )

    assert refused.value.problems == [
        "Aiko Outside cannot take part in the review of France: Japan is neither the State under review "
        "nor a reviewing State."
    ]
    assert active_participations() == before


def test_one_focal_point_per_state_and_review(world):
    first = UserFactory(state=state("DEU"), full_name="Anna First")
    second = UserFactory(state=state("DEU"), full_name="Bernd Second")
    france_again = UserFactory(state=state("FRA"), full_name="Claire Third")

    with pytest.raises(ParticipantsRefused) as refused:
        add_cycle_participants(
            world.review.cycle,
            people=[first, second, france_again],
            role=ParticipantRole.FOCAL_POINT,
            by=world.secretariat,
        )

    assert refused.value.problems == [
        f"Claire Third cannot be the focal point of France in the review of France: {world.focal_point} already is. "
        "Replace them on that review's participants page.",
        "A State has one focal point per review: Anna First, Bernd Second were all chosen for Germany "
        "in the review of France.",
    ]
    assert not Participant.objects.filter(user__in=[first, second, france_again]).exists()


def test_a_state_taking_part_in_no_review_and_a_person_without_state(world):
    nowhere = UserFactory(state=state("ITA"), full_name="Ivo Nowhere")
    stateless = UserFactory(state=None, full_name="No State")

    with pytest.raises(ParticipantsRefused) as refused:
        add_cycle_participants(
            world.review.cycle, people=[nowhere, stateless], role=ParticipantRole.EXPERT, by=world.secretariat
        )

    assert refused.value.problems == [
        "Italy takes part in no review of this cycle, so Ivo Nowhere cannot be added.",
        "No State represents no State.",
    ]


def test_a_review_of_another_cycle_and_a_closed_cycle_are_refused(world):
    elsewhere = review(of="ITA", in_cycle=cycle(title="Other"))
    person = UserFactory(state=state("DEU"))

    with pytest.raises(ReviewError, match=r"The review of Italy is not part of this cycle\."):
        add_cycle_participants(
            world.review.cycle, people=[person], role=ParticipantRole.EXPERT, reviews=[elsewhere], by=world.secretariat
        )
    ReviewCycle.objects.filter(pk=world.review.cycle.pk).update(status=CycleStatus.CLOSED)
    with pytest.raises(ReviewError, match=r"A closed cycle cannot be changed\."):
        add_cycle_participants(
            ReviewCycle.objects.get(pk=world.review.cycle.pk),
            people=[person],
            role=ParticipantRole.EXPERT,
            by=world.secretariat,
        )
    assert not Participant.objects.filter(user=person).exists()


def test_only_the_secretariat_may_call_the_service(world):
    person = UserFactory(state=state("DEU"))

    with pytest.raises(ReviewError, match=r"Only the secretariat adds participants\."):
        add_cycle_participants(world.review.cycle, people=[person], role=ParticipantRole.EXPERT, by=world.focal_point)

    assert not Participant.objects.filter(user=person).exists()


def test_an_invited_person_takes_part_once_approved(world):
    invited = invite_person(email="invited.deu@test.org", full_name="Ina Invited", state=state("DEU"))

    add_cycle_participants(world.review.cycle, people=[invited], role=ParticipantRole.EXPERT, by=world.secretariat)

    assert Participant.objects.filter(user=invited, review=world.review, is_active=True).exists()
    assert list(permissions.reviews_visible_to(invited)) == []
    activate_account(invited, full_name="Ina Invited", preferred_language="en", password="a long pass phrase 42")
    approve_account(invited, by=world.secretariat)
    invited.refresh_from_db()
    assert invited.status == AccountStatus.ACTIVE
    assert list(permissions.reviews_visible_to(invited)) == [world.review]


def test_the_page_lists_a_states_people_and_reviews(client, world):
    UserFactory(state=state("DEU"), full_name="Dora Deutsch")
    client.force_login(world.secretariat)

    response = client.get(page_url(world, state="DEU"))

    form = response.context["form"]
    assert sorted(label for _value, label in form.fields["people"].choices if "Dora" in label) == [
        f"Dora Deutsch ({form.fields['people'].queryset.get(full_name='Dora Deutsch').email})"
    ]
    assert [str(choice[1]) for choice in form.fields["reviews"].choices] == ["Review of France"]
    assert [(row.review, row.state.iso3, row.side) for row in response.context["rows"]] == [
        (world.review, "FRA", Side.REVIEWED),
        (world.review, "BRA", Side.REVIEWING),
        (world.review, "DEU", Side.REVIEWING),
    ]
    germany = response.context["rows"][2]
    assert (germany.experts, germany.observers, germany.focal_points) == (
        [world.reviewing_expert],
        [world.observer],
        [],
    )


def test_the_cycle_page_links_to_the_participants_page(client, world):
    client.force_login(world.secretariat)

    body = client.get(reverse("reviews:cycle", kwargs={"pk": world.review.cycle.pk})).content.decode()

    assert reverse("reviews:cycle_participants", kwargs={"pk": world.review.cycle.pk}) in body


@pytest.mark.parametrize("count", [1, 5])
def test_cycle_participants_page_runs_the_same_queries_for_1_and_5_reviews(
    client, world, django_assert_num_queries, count
):
    fresh = cycle(title="Fresh")
    for iso3 in ("ITA", "ESP", "NLD", "BEL", "AUT")[:count]:
        review(of=iso3, in_cycle=fresh)
        UserFactory(state=state("DEU"))
    client.force_login(world.secretariat)
    url = reverse("reviews:cycle_participants", kwargs={"pk": fresh.pk})

    with django_assert_num_queries(17):
        response = client.get(f"{url}?state={state('DEU').pk}")

    assert len(response.context["rows"]) == 3 * count


def test_the_people_page_points_to_the_cycles(client, world):
    client.force_login(world.secretariat)

    body = client.get(reverse("accounts:people")).content.decode()

    assert f'href="{reverse("reviews:cycles")}"' in body


def test_the_page_shows_every_problem_to_the_secretariat(client, world):
    client.force_login(world.secretariat)

    body = client.post(
        page_url(world, state="DEU"),
        {"people": [world.observer.pk], "role": ParticipantRole.EXPERT, "scope": "all"},
    ).content.decode()

    assert f"{world.observer} already takes part in the review of France, as Observer." in body
    assert 'role="alert"' in body
