"""The secretariat's review cycles: pages, rules, the draw on a cycle made here, who may not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.enums import CycleStatus, Step
from reviews.models import CountryReview, Instrument, ReviewCycle, ReviewPairing
from reviews.services import ReviewError, close_cycle, draw_lots, save_cycle
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as
from tests.factories.reviews import cycle, review

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "trainer", "focal_point", "expert", "anonymous")


def form_data(**changes) -> dict:
    convention = Instrument.objects.get(code="untoc")
    data = {
        "title": "Cluster II, 2027-2031",
        "cluster": str(ReviewCycle._meta.get_field("cluster").related_model.objects.get(number=2).pk),
        "first_year": "2027",
        "group_count": "3",
        "instruments": [str(convention.pk)],
    }
    return data | changes


@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("cycles", "get", (200, 404, 404, 404, 302)),
        ("cycle_create", "get", (200, 404, 404, 404, 302)),
        ("cycle_create", "post", (302, 404, 404, 404, 302)),
        ("cycle", "get", (200, 404, 404, 404, 302)),
        ("cycle_edit", "post", (302, 404, 404, 404, 302)),
        ("cycle_close", "post", (302, 404, 404, 404, 302)),
    ],
)
def test_permission_table_of_the_cycle_pages(client, world, name, method, expected):
    statuses = []
    for person in PEOPLE:
        sign_in_as(client, world, person)
        kwargs = {} if name in ("cycles", "cycle_create") else {"pk": world.review.cycle.pk}
        url = reverse(f"reviews:{name}", kwargs=kwargs)
        response = client.post(url, form_data(title=f"By {person}")) if method == "post" else client.get(url)
        statuses.append(response.status_code)

    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, expected, strict=True))
    made_by_others = ReviewCycle.objects.exclude(title__in=["By secretariat", "Cluster I cycle"])
    assert list(made_by_others.values_list("title", flat=True)) == []


def test_secretariat_creates_a_cycle_and_it_is_planned_and_audited(client, world):
    client.force_login(world.secretariat)

    response = client.post(reverse("reviews:cycle_create"), form_data())

    created = ReviewCycle.objects.get(title="Cluster II, 2027-2031")
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:cycle", kwargs={"pk": created.pk})
    assert (created.status, created.first_year, created.cluster.number) == (CycleStatus.PLANNED, 2027, 2)
    assert list(created.instruments.values_list("code", flat=True)) == ["untoc"]
    assert AuditEntry.objects.filter(action=AuditAction.CYCLE_CREATED, actor=world.secretariat).count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"instruments": []}, "instruments"),
        ({"first_year": "1999"}, "first_year"),
        ({"group_count": "9"}, "group_count"),
        ({"title": ""}, "title"),
    ],
)
def test_a_bad_cycle_form_names_the_field_and_saves_nothing(client, world, changes, field):
    client.force_login(world.secretariat)
    before = ReviewCycle.objects.count()

    response = client.post(reverse("reviews:cycle_create"), form_data(**changes))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert ReviewCycle.objects.count() == before


def test_the_convention_cannot_be_left_out(client, world):
    protocol = Instrument.objects.get(code="tip")
    client.force_login(world.secretariat)

    response = client.post(reverse("reviews:cycle_create"), form_data(instruments=[str(protocol.pk)]))

    assert response.context["form"].errors["instruments"] == ["Every cycle reviews the Convention: tick it."]


def test_cycle_form_speaks_arabic(client, world):
    client.force_login(world.secretariat)

    body = client.get("/ar/reviews/cycles/new/").content.decode()

    assert 'dir="rtl"' in body
    assert "دورة استعراض جديدة" in body


def test_what_the_draw_fixed_cannot_change_but_the_title_can(world):
    the_cycle = world.review.cycle
    draw_lots(cycle(title="Drawn"), seed=5, by=world.secretariat)
    drawn = ReviewCycle.objects.get(title="Drawn")
    instruments = list(Instrument.objects.filter(code="untoc"))

    drawn.first_year = 2030
    with pytest.raises(ReviewError, match="stay as drawn"):
        save_cycle(drawn, instruments=instruments, by=world.secretariat)
    renamed = ReviewCycle.objects.get(pk=drawn.pk)
    renamed.title = "Drawn, renamed"
    save_cycle(renamed, instruments=instruments, by=world.secretariat)

    assert ReviewCycle.objects.get(pk=drawn.pk).title == "Drawn, renamed"
    assert ReviewCycle.objects.get(pk=drawn.pk).first_year == 2026
    assert the_cycle.status == CycleStatus.PLANNED


def test_a_cycle_made_in_the_interface_is_drawn_for_its_instruments_only_and_then_runs(client, world):
    client.force_login(world.secretariat)
    client.post(reverse("reviews:cycle_create"), form_data())
    created = ReviewCycle.objects.get(title="Cluster II, 2027-2031")

    response = client.post(reverse("reviews:draw"), {"cycle": created.pk, "seed": "7"})

    created.refresh_from_db()
    assert response.status_code == 302
    assert created.status == CycleStatus.RUNNING
    assert CountryReview.objects.filter(cycle=created).exists()
    instruments = set(ReviewPairing.objects.filter(review__cycle=created).values_list("instrument__code", flat=True))
    assert instruments == {"untoc"}


def test_a_cycle_closes_only_when_every_review_is_finalized(world):
    the_cycle = world.review.cycle

    with pytest.raises(ReviewError, match="2 reviews of this cycle are not finalized yet"):
        close_cycle(the_cycle, by=world.secretariat)
    CountryReview.objects.filter(cycle=the_cycle).update(step=Step.FINALIZED)
    close_cycle(the_cycle, by=world.secretariat)

    the_cycle.refresh_from_db()
    assert the_cycle.status == CycleStatus.CLOSED
    with pytest.raises(ReviewError, match="A closed cycle cannot be changed"):
        save_cycle(the_cycle, instruments=[], by=world.secretariat)
    assert AuditEntry.objects.filter(action=AuditAction.CYCLE_CLOSED).count() == 1


def test_a_closed_cycle_is_not_offered_for_drawing(client, world):
    closed = cycle(title="Closed one")
    ReviewCycle.objects.filter(pk=closed.pk).update(status=CycleStatus.CLOSED)
    client.force_login(world.secretariat)

    body = client.get(reverse("reviews:draw")).content.decode()

    assert "Closed one" not in body
    with pytest.raises(ReviewError, match="A closed cycle cannot be changed"):
        draw_lots(ReviewCycle.objects.get(pk=closed.pk), seed=1, by=world.secretariat)


@pytest.mark.parametrize("count", [1, 5])
def test_cycle_list_runs_the_same_queries_for_1_and_5_cycles(client, world, django_assert_num_queries, count):
    for index in range(count - 1):
        cycle(title=f"Cycle {index}")
    client.force_login(world.secretariat)

    with django_assert_num_queries(8):
        response = client.get(reverse("reviews:cycles"))

    assert response.context["cycles"].count() == count


@pytest.mark.parametrize("count", [1, 5])
def test_cycle_page_runs_the_same_queries_for_1_and_5_reviews(client, world, django_assert_num_queries, count):
    fresh = cycle(title="Fresh")
    for iso3 in ("ITA", "ESP", "NLD", "BEL", "AUT")[:count]:
        review(of=iso3, in_cycle=fresh)
    client.force_login(world.secretariat)

    with django_assert_num_queries(12):  # one of them reads the default days per step for the timetable form
        response = client.get(reverse("reviews:cycle", kwargs={"pk": fresh.pk}))

    assert len(response.context["page"].object_list) == count


def test_a_group_of_checkboxes_is_a_fieldset_named_by_its_legend(client, world):
    client.force_login(world.secretariat)

    page = client.get(reverse("reviews:cycle_create")).content.decode()

    assert '<fieldset class="field field--group"' in page
    assert "<legend>Instruments covered <span" in page
    assert 'for=""' not in page
