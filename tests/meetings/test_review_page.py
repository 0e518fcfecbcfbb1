"""Meetings on the review's page and in its timeline, for those who may see them; query counts that do not grow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.enums import MeetingVisibility
from meetings.services import answer_slots

pytestmark = pytest.mark.django_db


def review_page(client, world, person) -> str:
    client.force_login(person)
    response = client.get(reverse("reviews:detail", args=[world.review.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_review_page_lists_the_meetings_and_the_timeline_holds_the_fixed_ones(client, world, make_meeting):
    fixed = make_meeting(world.review, by=world.focal_point, fixed=True, title="Fixed call")
    make_meeting(world.review, by=world.focal_point, title="Still open")
    world.expert.time_zone = "America/Lima"
    world.expert.save(update_fields=["time_zone"])

    body = review_page(client, world, world.expert)

    section = body.split('id="meetings-title"')[1]
    timeline = body.split('id="timeline-title"')[1].split("</ol>")[0]
    assert "Fixed call" in section
    assert "Still open" in section
    assert "2 candidate times" in section
    assert f'href="{reverse("meetings:detail", args=[fixed.pk])}">Meeting “Fixed call”</a>' in timeline
    assert "Still open" not in timeline
    assert "(Lima, UTC\u22125)" in timeline
    assert f'<time datetime="{fixed.fixed_slot.starts_at.isoformat()}">' in timeline
    assert reverse("meetings:propose", args=[world.review.pk]) not in body


def test_the_focal_point_may_propose_from_the_review_page(client, world):
    body = review_page(client, world, world.focal_point)

    assert reverse("meetings:propose", args=[world.review.pk]) in body


def test_a_national_contributor_sees_no_meeting_on_the_review_page(client, world, make_meeting):
    make_meeting(world.review, by=world.focal_point, fixed=True, title="Fixed call")

    body = review_page(client, world, world.contributor)

    assert 'id="meetings-title"' not in body
    assert "Fixed call" not in body


def test_the_reviewed_side_sees_nothing_of_the_reviewing_side_meetings(client, world, make_meeting):
    make_meeting(
        world.review, by=world.reviewing_focal_point, visibility=MeetingVisibility.REVIEWING, fixed=True, title="Ours"
    )

    reviewed = review_page(client, world, world.focal_point)
    reviewing = review_page(client, world, world.reviewing_expert)

    assert "Ours" not in reviewed
    assert reviewing.count("Ours") == 2  # in the section and in the timeline


@pytest.mark.parametrize("meetings", [0, 1, 5])
def test_the_review_page_runs_the_same_queries_whatever_the_number_of_meetings(
    client, world, make_meeting, django_assert_num_queries, meetings
):
    for number in range(meetings):
        make_meeting(world.review, by=world.focal_point, fixed=number % 2 == 0, title=f"Call {number}")
    client.force_login(world.expert)
    url = reverse("reviews:detail", args=[world.review.pk])
    client.get(url)  # warm the session and content-type caches

    with django_assert_num_queries(14):
        response = client.get(url)

    assert response.content.decode().count('href="/en/meetings/') == meetings * 2 + 1 - (meetings // 2)


@pytest.mark.parametrize("meetings", [1, 5])
def test_the_meetings_list_runs_the_same_queries_for_1_and_5_meetings(
    client, world, make_meeting, django_assert_num_queries, meetings
):
    for number in range(meetings):
        make_meeting(world.review, by=world.focal_point, fixed=number % 2 == 0, title=f"Call {number}")
    client.force_login(world.reviewing_expert)
    url = reverse("meetings:list", args=[world.review.pk])
    client.get(url)

    with django_assert_num_queries(8):
        response = client.get(url)

    assert response.content.decode().count('<li><a href="/en/meetings/') == meetings


@pytest.mark.parametrize("hours", [(48, 72), (48, 72, 96, 120, 144)])
@pytest.mark.parametrize(("person", "queries"), [("focal_point", 11), ("reviewing_expert", 10)])
def test_the_meeting_page_runs_the_same_queries_for_2_and_5_candidate_times(  # noqa: PLR0917 - fixtures
    client, world, make_meeting, django_assert_num_queries, hours, person, queries
):
    meeting = make_meeting(world.review, by=world.focal_point, hours=hours)
    for slot in meeting.slots.all():
        answer_slots(meeting, user=world.expert, answers={slot.pk: True})
    client.force_login(getattr(world, person))
    url = reverse("meetings:detail", args=[meeting.pk])
    client.get(url)

    with django_assert_num_queries(queries):  # the organiser's page lists the people too
        response = client.get(url)

    assert response.status_code == 200
