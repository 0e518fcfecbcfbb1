from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone, translation

from revmod.accounts.services import send_in_language
from revmod.core.queue import run_task
from revmod.notifications import services
from revmod.notifications.messages import message

log = logging.getLogger(__name__)


@shared_task(name="notifications.send_email")
def task_send_notification_email(*, notification_id: int) -> None:
    """E-mail one notification in its recipient's language; a second run sends nothing."""
    for notification in services.claim_for_email([notification_id]):
        with translation.override(notification.user.preferred_language):
            text = message(notification.kind, notification.data)
        send_in_language(
            notification.user,
            subject_template="notifications/email/single_subject.txt",
            body_template="notifications/email/single.txt",
            context={"text": text, "url": services.absolute(notification.url, notification.user.preferred_language)},
        )


@shared_task(name="notifications.send_digests")
def task_send_digests() -> int:
    """One e-mail per person who chose the daily digest, with everything not yet sent."""
    sent = 0
    for user_id, ids in services.digest_candidates().items():
        notifications = services.claim_for_email(ids)
        if not notifications:
            continue
        user = notifications[0].user
        with translation.override(user.preferred_language):
            items = [
                {"text": message(n.kind, n.data), "url": services.absolute(n.url, user.preferred_language)}
                for n in notifications
            ]
        send_in_language(
            user,
            subject_template="notifications/email/digest_subject.txt",
            body_template="notifications/email/digest.txt",
            context={"items": items},
        )
        sent += 1
        log.info("sent a digest of %d notifications to user %s", len(items), user_id)
    return sent


@shared_task(name="notifications.send_stranded")
def task_send_stranded() -> int:
    """Every few minutes: queue again the e-mails whose task never reached the broker."""
    stranded = services.stranded_emails(timezone.now())
    for notification_id in stranded:
        run_task("notifications.send_email", notification_id=notification_id)
    if stranded:
        log.warning("queued %d stranded notification e-mails again", len(stranded))
    return len(stranded)
