"""Training-session reminders go through the notification centre, its preferences and its once-only keys."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from elearning import services
from revmod.notifications.enums import Delivery, NotificationKind
from revmod.notifications.messages import message
from revmod.notifications.models import Notification
from revmod.notifications.services import set_preferences
from revmod.notifications.tasks import task_send_digests
from tests.factories import UserFactory
from tests.factories.elearning import SessionRegistrationFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def reminders_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=NotificationKind.TRAINING_REMINDER).order_by("pk"))


def test_reminders_reach_the_notification_centre_once_with_the_title_in_each_language(
    django_capture_on_commit_callbacks,
):
    soon = timezone.now() + timedelta(hours=20)
    session = TrainingSessionFactory(starts_at=soon, title_en="Week", title_fr="Semaine")
    french = SessionRegistrationFactory(session=session, user=UserFactory(preferred_language="fr")).user
    english = SessionRegistrationFactory(session=session, user=UserFactory(preferred_language="en")).user

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_due_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.send_due_reminders()

    assert (first, second) == (2, 0)
    assert [n.data for n in reminders_of(french)] == [{"title": "Semaine", "at": session.starts_at.isoformat()}]
    assert [n.data["title"] for n in reminders_of(english)] == ["Week"]
    assert [n.url for n in reminders_of(english)] == ["/en/learning/sessions/"]
    bodies = {message.to[0]: message.body for message in mail.outbox}
    with translation.override("fr"):
        expected = message(NotificationKind.TRAINING_REMINDER, reminders_of(french)[0].data)
    assert expected in bodies[french.email]
    assert "Semaine" in bodies[french.email]
    assert "/fr/learning/sessions/" in bodies[french.email]
    assert len(mail.outbox) == 2


def test_a_title_without_translation_is_sent_as_stored():
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(hours=3), title_en="Only English")
    reader = SessionRegistrationFactory(session=session, user=UserFactory(preferred_language="zh")).user

    services.send_due_reminders()

    assert [n.data["title"] for n in reminders_of(reader)] == ["Only English"]


def test_week_reminder_then_day_reminder_each_once():
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(days=6))
    reader = SessionRegistrationFactory(session=session).user
    services.send_due_reminders()
    later = timezone.now() + timedelta(days=5, hours=12)

    services.send_due_reminders(now=later)
    services.send_due_reminders(now=later)

    assert [n.key.rsplit(":", 1)[1] for n in reminders_of(reader)] == ["week_before", "day_before"]


def test_a_session_moved_to_another_day_is_reminded_again():
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(hours=10))
    reader = SessionRegistrationFactory(session=session).user
    services.send_due_reminders()
    session.starts_at += timedelta(hours=5)
    session.ends_at += timedelta(hours=5)
    session.save()

    services.send_due_reminders()

    assert len(reminders_of(reader)) == 2


def test_no_reminder_for_a_session_far_away_or_past():
    SessionRegistrationFactory(session=TrainingSessionFactory(starts_at=timezone.now() + timedelta(days=30)))
    SessionRegistrationFactory(session=TrainingSessionFactory(starts_at=timezone.now() - timedelta(days=1)))

    assert services.send_due_reminders() == 0
    assert Notification.objects.count() == 0


def test_no_reminder_for_an_inactive_account():
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(hours=10))
    SessionRegistrationFactory(session=session, user=UserFactory(is_active=False))

    assert services.send_due_reminders() == 0


def test_reminders_follow_the_digest_and_off_preferences(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(starts_at=timezone.now() + timedelta(hours=10))
    digest = SessionRegistrationFactory(session=session).user
    silent = SessionRegistrationFactory(session=session).user
    set_preferences(digest, {NotificationKind.TRAINING_REMINDER: Delivery.DIGEST})
    set_preferences(silent, {NotificationKind.TRAINING_REMINDER: Delivery.OFF})

    with django_capture_on_commit_callbacks(execute=True):
        services.send_due_reminders()
    immediate = len(mail.outbox)
    task_send_digests()

    assert immediate == 0
    assert [message.to for message in mail.outbox] == [[digest.email]]
    assert (len(reminders_of(digest)), len(reminders_of(silent))) == (1, 1)
