"""Work asked for while the broker was away is not lost: the write commits, the sweeps queue it again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery import current_app
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from reviews.enums import ExportStatus
from reviews.models import ExportJob
from reviews.tasks import task_requeue_stranded
from revmod.core.queue import enqueue, run_task
from revmod.notifications.enums import Delivery, NotificationKind
from revmod.notifications.models import Notification, Preference
from revmod.notifications.tasks import task_send_stranded

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_away(monkeypatch):
    """The broker refuses every task, as Celery does when Redis cannot be reached."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    current_app.loader.import_default_modules()
    for name in ("notifications.send_email", "reviews.build_export"):
        monkeypatch.setattr(type(current_app.tasks[name]), "apply_async", refuse)


def test_a_refused_task_leaves_the_committed_write_and_raises_nothing(
    person, broker_away, mailoutbox, django_capture_on_commit_callbacks
):
    notification = Notification.objects.create(user=person, kind=NotificationKind.ASSIGNED, data={})

    with django_capture_on_commit_callbacks(execute=True):
        enqueue("notifications.send_email", notification_id=notification.pk)

    assert run_task("notifications.send_email", notification_id=notification.pk) is False
    assert mailoutbox == []
    assert Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).exists()


def test_the_sweep_sends_stranded_e_mails_once_and_only_those_meant_to_go_at_once(person, mailoutbox):
    now = timezone.now()
    stranded = Notification.objects.create(
        user=person, kind=NotificationKind.ASSIGNED, data={}, created_at=now - timedelta(minutes=3)
    )
    Notification.objects.create(user=person, kind=NotificationKind.ASSIGNED, data={}, created_at=now)  # in time
    Notification.objects.create(
        user=person, kind=NotificationKind.ASSIGNED, data={}, created_at=now - timedelta(days=2)
    )  # too old to send now
    Preference.objects.create(user=person, kind=NotificationKind.MENTIONED, delivery=Delivery.DIGEST)
    Notification.objects.create(
        user=person, kind=NotificationKind.MENTIONED, data={}, created_at=now - timedelta(minutes=3)
    )  # waits for the digest

    first = task_send_stranded()
    second = task_send_stranded()

    assert (first, second) == (1, 0)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    stranded.refresh_from_db()
    assert stranded.emailed_at is not None


def test_an_export_asked_for_while_the_broker_was_away_is_built_by_the_sweep(
    client, world, broker_away, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(world.focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:export_review", kwargs={"pk": world.review.pk}), {"format": "docx", "language": "fr"}
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302  # the page answers; the job waits
    assert job.status == ExportStatus.QUEUED

    monkeypatch.undo()  # the broker is back
    assert task_requeue_stranded() == 0  # not stranded yet: it may still start
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    assert task_requeue_stranded() == 1
    job.refresh_from_db()

    assert job.status == ExportStatus.DONE
    assert task_requeue_stranded() == 0
