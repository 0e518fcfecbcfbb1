"""Reminders a day and an hour before a fixed meeting: in-app and by e-mail, in each person's language, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from meetings.services import fix_meeting, send_meeting_reminders
from meetings.tasks import task_send_meeting_reminders
from revmod.notifications.enums import Delivery, NotificationKind
from revmod.notifications.models import Notification
from revmod.notifications.services import set_preferences

pytestmark = pytest.mark.django_db


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind=NotificationKind.MEETING_REMINDER).order_by("pk"))


def test_a_day_and_an_hour_before_each_person_is_reminded_once(world, make_meeting, django_capture_on_commit_callbacks):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    start = meeting.fixed_slot.starts_at

    with django_capture_on_commit_callbacks(execute=True):
        counts = [
            send_meeting_reminders(now=start - dt.timedelta(hours=30)),
            send_meeting_reminders(now=start - dt.timedelta(hours=23, minutes=50)),
            send_meeting_reminders(now=start - dt.timedelta(hours=23, minutes=35)),
            send_meeting_reminders(now=start - dt.timedelta(hours=5)),
            send_meeting_reminders(now=start - dt.timedelta(minutes=55)),
            send_meeting_reminders(now=start - dt.timedelta(minutes=40)),
            send_meeting_reminders(now=start + dt.timedelta(minutes=5)),
        ]

    audience = {world.focal_point, world.expert, world.reviewing_expert, world.reviewing_focal_point, world.observer}
    assert counts == [0, len(audience), 0, 0, len(audience), 0, 0]
    assert {item.user_id for item in reminders()} == {person.pk for person in audience}
    assert {item.key for item in reminders()} == {
        f"meeting-reminder:{meeting.pk}:{meeting.fixed_slot_id}:24h",
        f"meeting-reminder:{meeting.pk}:{meeting.fixed_slot_id}:1h",
    }
    reminded = [email for email in mail.outbox if "Dialogue call" in email.body and "starts on" in email.body]
    assert len(reminded) == 2 * len(audience)


def test_a_meeting_fixed_an_hour_ahead_gets_only_the_hour_reminder(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    start = meeting.fixed_slot.starts_at

    send_meeting_reminders(now=start - dt.timedelta(minutes=30))
    send_meeting_reminders(now=start - dt.timedelta(minutes=15))

    assert {item.key.rsplit(":", 1)[-1] for item in reminders()} == {"1h"}


def test_a_meeting_moved_to_another_slot_is_reminded_again_and_a_cancelled_one_not(world, make_meeting):
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True, hours=(20, 30))
    first = meeting.fixed_slot.starts_at
    send_meeting_reminders(now=first - dt.timedelta(hours=2))

    fix_meeting(meeting, slot=meeting.slots.order_by("starts_at").last(), user=world.focal_point)
    moved = send_meeting_reminders(now=first - dt.timedelta(hours=2))
    cancelled = make_meeting(world.review, by=world.secretariat, fixed=True, hours=(20, 30))
    cancelled.status = "cancelled"
    cancelled.save(update_fields=["status"])
    none = send_meeting_reminders(now=cancelled.fixed_slot.starts_at - dt.timedelta(hours=2))

    assert moved == 5
    assert none == 0


def test_reminders_are_written_in_each_person_language(world, make_meeting, django_capture_on_commit_callbacks):
    world.reviewing_expert.preferred_language = "fr"
    world.reviewing_expert.save(update_fields=["preferred_language"])
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_meeting_reminders(now=meeting.fixed_slot.starts_at - dt.timedelta(hours=2))

    french = next(email for email in mail.outbox if email.to == [world.reviewing_expert.email])
    english = next(email for email in mail.outbox if email.to == [world.expert.email])
    assert "La réunion « Dialogue call » de l\u2019examen de France commence le" in french.body
    assert "The meeting “Dialogue call”" in english.body


def test_a_person_who_chose_no_email_is_reminded_only_in_the_product(
    world, make_meeting, django_capture_on_commit_callbacks
):
    set_preferences(world.expert, {NotificationKind.MEETING_REMINDER: Delivery.OFF})
    meeting = make_meeting(world.review, by=world.focal_point, fixed=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_meeting_reminders(now=meeting.fixed_slot.starts_at - dt.timedelta(hours=2))

    assert Notification.objects.filter(user=world.expert, kind=NotificationKind.MEETING_REMINDER).count() == 1
    assert [email for email in mail.outbox if email.to == [world.expert.email]] == []
    assert [email for email in mail.outbox if email.to == [world.reviewing_expert.email]] != []


def test_the_task_runs_the_reminders_and_is_on_the_beat_schedule(world, make_meeting, settings):
    make_meeting(world.review, by=world.focal_point, fixed=True, hours=(10, 30))

    assert task_send_meeting_reminders() == 5
    assert task_send_meeting_reminders() == 0
    assert settings.CELERY_BEAT_SCHEDULE["meetings.send_reminders"]["task"] == "meetings.send_reminders"
