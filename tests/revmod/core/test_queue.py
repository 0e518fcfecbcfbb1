from __future__ import annotations

import pytest
from celery.exceptions import NotRegistered

from revmod.core.queue import enqueue
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_enqueue_runs_the_named_task_only_after_the_commit(person, mailoutbox, django_capture_on_commit_callbacks):
    notification = Notification.objects.create(user=person, kind=NotificationKind.ASSIGNED, data={})

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue("notifications.send_email", notification_id=notification.pk)
    before = len(mailoutbox)
    for callback in callbacks:
        callback()

    assert before == 0
    assert len(mailoutbox) == 1


def test_enqueue_of_an_unknown_task_fails_loudly(django_capture_on_commit_callbacks):
    with pytest.raises(NotRegistered), django_capture_on_commit_callbacks(execute=True):
        enqueue("reviews.no_such_task", job_id=1)
