"""Giving out a review's questions, and the coordination page of the State under review's focal point."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from coordination.models import Assignment
from coordination.selectors import held_in
from coordination.services import AssignmentRefused, assign, unassign
from reviews.enums import AnswerStatus, ParticipantRole, Step
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.notifications.enums import NotificationKind
from revmod.notifications.messages import message
from revmod.notifications.models import Notification
from tests.clients import sign_in_as
from tests.factories.reviews import cycle, participant, published_questionnaire, review

pytestmark = pytest.mark.django_db


def sections(world):
    return list(world.questionnaire.sections.order_by("order"))


def question(world, number: str):
    return world.questionnaire.questions.get(number=number)


def asked(section):
    """The questions of ``section`` asked while no yes/no is answered yes: its follow-ups are not."""
    return section.questions.filter(parent__isnull=True)


def holders(world) -> dict[str, int | None]:
    return {row["number"]: row["assignee"] for row in held_in(world.review).values("number", "assignee")}


# --- Services -------------------------------------------------------------------------


def test_assign_gives_a_section_and_a_question_overrides_it(world):
    first = sections(world)[0]

    assign(world.review, sections=[first], assignee=world.contributor, user=world.focal_point)
    assign(world.review, questions=[question(world, "2")], assignee=world.expert, user=world.focal_point)

    held = holders(world)
    in_first = [q.number for q in asked(first)]
    assert {held[number] for number in in_first if number != "2"} == {world.contributor.pk}
    assert held["2"] == world.expert.pk
    assert [held[q.number] for q in asked(sections(world)[1])] == [None] * asked(sections(world)[1]).count()
    follow_ups = set(world.questionnaire.questions.filter(parent__isnull=False).values_list("number", flat=True))
    assert follow_ups
    assert not follow_ups & set(held)


def test_assign_replaces_the_assignee_and_a_new_due_date_resets_the_reminder(world):
    first = sections(world)[0]
    in_a_week = timezone.localdate() + dt.timedelta(days=7)
    assign(world.review, sections=[first], assignee=world.contributor, due_on=in_a_week, user=world.focal_point)
    Assignment.objects.update(reminded_for=in_a_week)

    assign(world.review, sections=[first], assignee=world.expert, due_on=in_a_week, user=world.focal_point)
    kept = Assignment.objects.get()
    assign(world.review, sections=[first], assignee=world.expert, due_on=None, user=world.focal_point)
    moved = Assignment.objects.get()

    assert (kept.assignee, kept.reminded_for) == (world.expert, in_a_week)
    assert (moved.assignee, moved.due_on, moved.reminded_for) == (world.expert, None, None)
    assert Assignment.objects.count() == 1


def test_assign_records_the_audit_trail_and_tells_the_assignee_in_their_language(
    world, django_capture_on_commit_callbacks
):
    world.contributor.preferred_language = "fr"
    world.contributor.save(update_fields=["preferred_language"])
    due = timezone.localdate() + dt.timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        assign(
            world.review, sections=[sections(world)[0]], assignee=world.contributor, due_on=due, user=world.focal_point
        )

    entry = AuditEntry.objects.get(action=AuditAction.ASSIGNMENT_CHANGED)
    assert (entry.actor, entry.review_id, entry.data["assigned_to"]) == (
        world.focal_point,
        world.review.pk,
        world.contributor.pk,
    )
    notification = Notification.objects.get(user=world.contributor, kind=NotificationKind.QUESTIONS_ASSIGNED)
    assert notification.kind == NotificationKind.QUESTIONS_ASSIGNED
    assert notification.url == f"/en/reviews/{world.review.pk}/questionnaires/{world.questionnaire.pk}/sections/1/"
    with translation.override("fr"):
        text = message(notification.kind, notification.data)
        footer = gettext("You can choose which e-mails you receive in your notification settings on REVMOD.")
    sent = [email for email in mail.outbox if text in email.body]
    assert [email.to for email in sent] == [[world.contributor.email]]
    assert footer in sent[0].body
    assert f"{asked(sections(world)[0]).count()} questions" in text


@pytest.mark.parametrize("person", ["observer", "reviewing_expert", "other_contributor", "stranger", "nobody"])
def test_assign_refuses_people_who_do_not_answer_for_the_state_and_changes_nothing(world, person):
    with pytest.raises(AssignmentRefused, match="cannot be given questions"):
        assign(world.review, sections=sections(world), assignee=getattr(world, person), user=world.focal_point)

    assert Assignment.objects.count() == 0
    assert Notification.objects.filter(kind=NotificationKind.QUESTIONS_ASSIGNED).count() == 0


def test_assign_refuses_an_observer_of_the_state_under_review(world):
    observer = participant(world.review, iso3="FRA", role=ParticipantRole.OBSERVER)

    with pytest.raises(AssignmentRefused):
        assign(world.review, sections=sections(world), assignee=observer, user=world.focal_point)

    assert Assignment.objects.count() == 0


@pytest.mark.parametrize("person", ["expert", "contributor", "observer", "reviewing_focal_point", "stranger"])
def test_only_the_focal_point_or_the_secretariat_assign(world, person):
    with pytest.raises(AssignmentRefused, match="Only the focal point"):
        assign(world.review, sections=sections(world), assignee=world.contributor, user=getattr(world, person))

    assign(world.review, sections=sections(world), assignee=world.contributor, user=world.secretariat)
    assert Assignment.objects.count() == 2


def test_assign_refuses_a_past_due_date_in_the_users_language(world):
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    with translation.override("fr"), pytest.raises(AssignmentRefused) as refused:
        assign(
            world.review, sections=sections(world), assignee=world.contributor, due_on=yesterday, user=world.focal_point
        )

    with translation.override("fr"):
        assert str(refused.value) == gettext("The internal due date cannot be in the past.")
    assert Assignment.objects.count() == 0


def test_assign_refuses_a_section_of_another_questionnaire(world):
    other = published_questionnaire(questions=2, sections=1, cluster=2)

    with pytest.raises(AssignmentRefused, match="this review"):
        assign(world.review, sections=list(other.sections.all()), assignee=world.contributor, user=world.focal_point)

    assert Assignment.objects.count() == 0


def test_assign_refuses_once_the_review_is_finalized(world):
    world.review.step = Step.FINALIZED
    world.review.save(update_fields=["step"])

    with pytest.raises(AssignmentRefused):
        assign(world.review, sections=sections(world), assignee=world.contributor, user=world.focal_point)


def test_unassign_gives_the_question_back_to_its_section(world):
    first = sections(world)[0]
    assign(world.review, sections=[first], assignee=world.contributor, user=world.focal_point)
    assign(world.review, questions=[question(world, "2")], assignee=world.expert, user=world.focal_point)

    removed = unassign(world.review, questions=[question(world, "2")], user=world.focal_point)

    assert removed == 1
    assert holders(world)["2"] == world.contributor.pk
    assert AuditEntry.objects.filter(action=AuditAction.ASSIGNMENT_CHANGED).count() == 3


def test_assignments_of_one_review_do_not_hold_in_another_that_shares_the_questionnaire(world):
    assign(world.review, sections=sections(world), assignee=world.contributor, user=world.focal_point)

    other = {row["assignee"] for row in held_in(world.other_review).values("assignee")}

    assert other == {None}


# --- The page -------------------------------------------------------------------------

PEOPLE = (
    "secretariat",
    "focal_point",
    "expert",
    "contributor",
    "observer",
    "reviewing_expert",
    "reviewing_focal_point",
    "other_contributor",
    "stranger",
    "nobody",
    "anonymous",
)
ALLOWED = {"secretariat", "focal_point"}


def page_url(world, name: str = "page") -> str:
    return reverse(f"coordination:{name}", kwargs={"pk": world.review.pk})


@pytest.mark.parametrize("person", PEOPLE)
def test_the_coordination_page_is_for_the_focal_point_and_the_secretariat(client, world, person):
    sign_in_as(client, world, person)

    response = client.get(page_url(world))

    if person == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == (200 if person in ALLOWED else 404)


@pytest.mark.parametrize("person", PEOPLE)
def test_giving_out_questions_is_for_the_focal_point_and_the_secretariat(client, world, person):
    sign_in_as(client, world, person)
    data = {"assignee": world.contributor.pk, "sections": [sections(world)[0].pk]}

    response = client.post(page_url(world, "assign"), data)

    if person == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    elif person in ALLOWED:
        assert response.status_code == 302
        assert response.url == page_url(world)
    else:
        assert response.status_code == 404
    assert Assignment.objects.count() == (1 if person in ALLOWED else 0)


@pytest.mark.parametrize("person", PEOPLE)
def test_taking_back_questions_is_for_the_focal_point_and_the_secretariat(client, world, person):
    first = sections(world)[0]
    assign(world.review, sections=[first], assignee=world.contributor, user=world.focal_point)
    sign_in_as(client, world, person)

    response = client.post(page_url(world, "unassign"), {"section": first.pk})

    assert response.status_code == (302 if person in ALLOWED or person == "anonymous" else 404)
    assert Assignment.objects.count() == (0 if person in ALLOWED else 1)


def test_the_page_of_another_review_is_not_found_for_this_focal_point(client, world):
    client.force_login(world.focal_point)

    response = client.get(reverse("coordination:page", kwargs={"pk": world.other_review.pk}))

    assert response.status_code == 404


def test_the_page_shows_progress_per_person_and_per_section_with_unassigned_questions(
    client, world, answer_with_status
):
    first, second = sections(world)
    last_week = timezone.localdate() - dt.timedelta(days=7)
    assign(world.review, sections=[first], assignee=world.contributor, user=world.focal_point)
    Assignment.objects.update(due_on=last_week)  # set in the past directly: the service refuses it
    answer_with_status(world.review, question(world, "1"), AnswerStatus.CLEARED, by=world.contributor)
    answer_with_status(world.review, question(world, "2"), AnswerStatus.DRAFTED, by=world.contributor)
    client.force_login(world.focal_point)

    response = client.get(page_url(world))

    people = {row.key: row for row in response.context["view"].people}
    held = asked(first).count()
    contributor = people[str(world.contributor.pk)]
    assert (contributor.total, contributor.cleared, contributor.drafted, contributor.not_started) == (
        held,
        1,
        1,
        held - 2,
    )
    assert contributor.overdue == held - 1
    assert people["none"].label == "Unassigned"
    assert people["none"].total == asked(second).count()
    by_section = {row.key: row for row in response.context["view"].sections}
    assert by_section[str(first.pk)].assignment.assignee == world.contributor
    body = response.content.decode()
    assert f'<meter min="0" max="{held}" value="1"' in body
    assert "badge--late" in body


def test_the_page_filters_by_person_status_and_lateness_without_javascript(client, world, answer_with_status):
    first = sections(world)[0]
    assign(world.review, sections=[first], assignee=world.contributor, user=world.focal_point)
    answer_with_status(world.review, question(world, "1"), AnswerStatus.READY, by=world.contributor)
    client.force_login(world.focal_point)

    mine = client.get(page_url(world), {"person": world.contributor.pk}).context["view"]
    ready = client.get(page_url(world), {"status": "ready"}).context["view"]
    unassigned = client.get(page_url(world), {"person": "none"}).context["view"]
    late = client.get(page_url(world), {"overdue": "on"}).context["view"]
    nonsense = client.get(page_url(world), {"person": "x'; drop", "section": "-1", "status": "bogus"})

    assert [row.key for row in mine.people] == [str(world.contributor.pk)]
    assert [question["number"] for question in ready.questions] == ["1"]
    assert {question["assignee"] for question in unassigned.questions} == {None}
    assert late.questions == []
    assert nonsense.status_code == 200
    assert len(nonsense.context["view"].questions) == world.questionnaire.questions.filter(parent__isnull=True).count()


def test_a_follow_up_counts_once_its_parent_answer_asks_it(world, answer_with_status):
    follow_up = world.questionnaire.questions.filter(parent__isnull=False).select_related("parent").first()
    assign(world.review, sections=[follow_up.section], assignee=world.contributor, user=world.focal_point)
    before = held_in(world.review).filter(assignee=world.contributor.pk).count()
    answer = answer_with_status(world.review, follow_up.parent, AnswerStatus.DRAFTED, by=world.contributor)

    answer.value = "no"
    answer.save(update_fields=["value"])
    still = held_in(world.review).filter(assignee=world.contributor.pk).count()
    answer.value = follow_up.condition
    answer.save(update_fields=["value"])
    now = held_in(world.review).filter(assignee=world.contributor.pk)

    assert still == before
    assert now.count() == before + 1
    assert now.filter(pk=follow_up.pk, answer_status=AnswerStatus.NOT_STARTED).exists()


def test_giving_out_single_questions_by_number_with_a_due_date(client, world):
    client.force_login(world.focal_point)
    due = timezone.localdate() + dt.timedelta(days=3)

    response = client.post(
        page_url(world, "assign"), {"assignee": world.expert.pk, "questions": "1, 3", "due_on": due.isoformat()}
    )

    assert response.status_code == 302
    given = Assignment.objects.order_by("question__order")
    assert [(a.question.number, a.assignee, a.due_on) for a in given] == [
        ("1", world.expert, due),
        ("3", world.expert, due),
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"questions": "1, 999"}, "no question numbered 999"),
        ({}, "at least one section or question"),
        ({"questions": "1", "due_on": "2001-01-01"}, "cannot be in the past"),
    ],
)
def test_giving_out_bad_input_says_why_and_changes_nothing(client, world, data, error):
    client.force_login(world.focal_point)

    response = client.post(page_url(world, "assign"), {"assignee": world.contributor.pk, **data})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert Assignment.objects.count() == 0


def test_giving_out_to_a_reviewing_expert_is_refused(client, world):
    client.force_login(world.focal_point)

    response = client.post(page_url(world, "assign"), {"assignee": world.reviewing_expert.pk, "questions": "1"})

    assert response.status_code == 400
    assert Assignment.objects.count() == 0


@pytest.mark.parametrize("size", [10, 300])
def test_the_page_runs_the_same_queries_for_10_and_300_questions(client, django_assert_num_queries, size):
    questionnaire = published_questionnaire(questions=size, sections=10)
    country_review = review(of="FRA", questionnaire=questionnaire, in_cycle=cycle(), step=Step.SAQ_DRAFTING)
    focal_point = participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT)
    contributor = participant(country_review, iso3="FRA", role=ParticipantRole.CONTRIBUTOR)
    some = list(questionnaire.sections.order_by("order")[:3])
    assign(country_review, sections=some, assignee=contributor, user=focal_point)
    assign(country_review, questions=list(questionnaire.questions.all()[:4]), assignee=focal_point, user=focal_point)
    client.force_login(focal_point)

    with django_assert_num_queries(14):
        response = client.get(reverse("coordination:page", kwargs={"pk": country_review.pk}), {"status": ""})

    assert response.status_code == 200
    assert len(response.context["view"].questions) == questionnaire.questions.filter(parent__isnull=True).count()
