"""Reminders of internal due dates: two days before, on the day, once late; in each person's language; never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation

from coordination.models import Assignment
from coordination.services import assign
from coordination.services.reminders import send_assignment_reminders
from reviews.enums import ParticipantRole, Step
from reviews.models import Section
from reviews.services import add_participant, clear_answers, save_answer
from revmod.notifications.enums import NotificationKind
from revmod.notifications.messages import message
from revmod.notifications.models import Notification
from tests.factories.reviews import cycle, participant, published_questionnaire, review

pytestmark = pytest.mark.django_db


def first_section(world) -> Section:
    return Section.objects.filter(questionnaire=world.questionnaire).order_by("order").first()


def give_out(world, *, assignee, days: int) -> dt.date:
    due = timezone.localdate() + dt.timedelta(days=days)
    assign(world.review, sections=[first_section(world)], assignee=assignee, due_on=due, user=world.focal_point)
    return due


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(6, 0)))


def reminders_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=NotificationKind.ASSIGNMENT_DUE).order_by("pk"))


def test_reminders_come_two_days_before_on_the_day_and_once_late_never_twice(world, django_capture_on_commit_callbacks):
    due = give_out(world, assignee=world.contributor, days=2)

    with django_capture_on_commit_callbacks(execute=True):
        counts = [
            send_assignment_reminders(now=at(due - dt.timedelta(days=2))),
            send_assignment_reminders(now=at(due - dt.timedelta(days=2))),
            send_assignment_reminders(now=at(due - dt.timedelta(days=1))),
            send_assignment_reminders(now=at(due)),
            send_assignment_reminders(now=at(due)),
            send_assignment_reminders(now=at(due + dt.timedelta(days=1))),
            send_assignment_reminders(now=at(due + dt.timedelta(days=2))),
            send_assignment_reminders(now=at(due + dt.timedelta(days=9))),
        ]

    assert counts == [1, 0, 0, 1, 0, 1, 0, 0]
    assert [item.data["days"] for item in reminders_of(world.contributor)] == [2, 0, -1]
    assert Assignment.objects.get(review=world.review).reminded_for == due


def test_a_new_due_date_gets_its_own_reminders(world):
    due = give_out(world, assignee=world.contributor, days=1)
    send_assignment_reminders(now=at(due + dt.timedelta(days=1)))

    later = give_out(world, assignee=world.contributor, days=5)

    assert send_assignment_reminders(now=at(later)) == 1
    assert len(reminders_of(world.contributor)) == 2


def test_the_reminder_is_written_in_each_persons_language(world, django_capture_on_commit_callbacks):
    world.contributor.preferred_language = "fr"
    world.contributor.save(update_fields=["preferred_language"])
    world.expert.preferred_language = "ar"
    world.expert.save(update_fields=["preferred_language"])
    due = give_out(world, assignee=world.contributor, days=0)
    second = Section.objects.filter(questionnaire=world.questionnaire).order_by("order")[1]
    assign(world.review, sections=[second], assignee=world.expert, due_on=due, user=world.focal_point)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_assignment_reminders(now=at(due))

    for person, language in ((world.contributor, "fr"), (world.expert, "ar")):
        notification = reminders_of(person)[0]
        with translation.override(language):
            text = message(notification.kind, notification.data)
        sent = [email for email in mail.outbox if email.to == [person.email]]
        assert len(sent) == 1
        assert text in sent[0].body
    assert "aujourd" in next(e for e in mail.outbox if e.to == [world.contributor.email]).body.lower()


def test_answers_ready_or_cleared_and_finalized_reviews_are_not_reminded(world):
    due = give_out(world, assignee=world.contributor, days=0)
    questions = list(first_section(world).questions.prefetch_related("choices"))
    values = {
        "yes_no": "yes",
        "text": "Done.",
        "single_choice": "fully",
        "multiple_choice": ["partly"],
        "legislation": [{"title": "Criminal Code", "provision": "art. 1", "url": ""}],
    }
    asked = questions
    for question in asked:
        save_answer(world.review, question, value=values[question.kind], base_revision=0, user=world.contributor)
    clear_answers(world.review, asked, user=world.focal_point)

    assert send_assignment_reminders(now=at(due)) == 0

    world.review.step = Step.FINALIZED
    world.review.save(update_fields=["step"])
    assert send_assignment_reminders(now=at(due + dt.timedelta(days=3))) == 0


def test_the_dashboard_shows_what_is_assigned_to_the_person(client, world):
    due = give_out(world, assignee=world.contributor, days=3)
    client.force_login(world.contributor)

    body = client.get("/en/dashboard/").content.decode()
    client.force_login(world.expert)
    other = client.get("/en/dashboard/").content.decode()

    assert "Assigned to you" in body
    assert f'datetime="{due:%Y-%m-%d}"' in body
    assert "Assigned to you" not in other


@pytest.mark.parametrize("count", [1, 5])
def test_the_assigned_panel_costs_the_same_queries_at_1_and_5_reviews(client, django_assert_num_queries, count):

    questionnaire = published_questionnaire(questions=4, sections=2)
    contributor = None
    for index in range(count):
        country_review = review(
            of="FRA", questionnaire=questionnaire, step=Step.SAQ_DRAFTING, in_cycle=cycle(title=f"C{index}")
        )
        focal = participant(country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email=f"fp{index}@t.org")
        if contributor is None:
            contributor = participant(country_review, iso3="FRA", role=ParticipantRole.CONTRIBUTOR, email="c@t.org")
        else:
            add_participant(country_review, user=contributor, role=ParticipantRole.CONTRIBUTOR)
        section = Section.objects.filter(questionnaire=questionnaire).order_by("order").first()
        assign(country_review, sections=[section], assignee=contributor, due_on=None, user=focal)
    client.force_login(contributor)
    client.get("/en/dashboard/")

    with django_assert_num_queries(13):  # the contributor now also sees the required answers to draft
        body = client.get("/en/dashboard/").content.decode()
    assert body.count("Review of France") >= count
