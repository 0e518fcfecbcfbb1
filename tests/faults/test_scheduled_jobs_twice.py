"""Beat's scheduled jobs run twice at the same moment, and a second beat is started by mistake.

Every job beat schedules is queued twice at once (the worker runs two at a time, so the pairs
overlap), then once more, while a second beat runs beside the stack's own. People with a
deadline in seven days, people of a late review and e-mails left unsent since a Redis outage
are each told exactly once: no notification stored twice, no e-mail sent twice.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from reviews.enums import ParticipantRole, Step
from revmod.celery import app
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from tests.factories.reviews import participant, review
from tests.faults.stack import ROOT, Stack

pytestmark = pytest.mark.faults

SEPARATOR = "\n" + "-" * 79 + "\n"
STRANDED = 5


def mails_to(stack: Stack, suffix: str) -> list[tuple[str, str, str]]:
    """(recipient, subject, body) of every e-mail the stack wrote to an address ending in ``suffix``."""
    found = []
    for path in sorted((stack.state / "mail").glob("*.log")):
        for message in path.read_text(errors="replace").split(SEPARATOR):
            head, _blank, body = message.partition("\n\n")
            fields = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
            if fields.get("To", "").endswith(suffix):
                found.append((fields["To"], fields.get("Subject", ""), body.strip()))
    return found


def settled(stack: Stack, suffix: str, *, quiet: float = 3.0, seconds: float = 90) -> list[tuple[str, str, str]]:
    """The e-mails once none has arrived for ``quiet`` seconds."""
    began, last, mails = time.monotonic(), time.monotonic(), mails_to(stack, suffix)
    while time.monotonic() - began < seconds:
        time.sleep(0.5)
        now = mails_to(stack, suffix)
        if len(now) != len(mails):
            mails, last = now, time.monotonic()
        elif time.monotonic() - last >= quiet:
            break
    return mails


@pytest.fixture
def people(live_db, run_id):
    now = timezone.now()
    soon = review(of="FRA")
    soon.due_at, soon.step = now + dt.timedelta(days=7), Step.SAQ_DRAFTING
    soon.save(update_fields=["due_at", "step"])
    late = review(of="PRT", same_region="ESP", other_region="CHL")
    late.due_at, late.step = now - dt.timedelta(days=1), Step.SAQ_DRAFTING
    late.save(update_fields=["due_at", "step"])
    told = [
        participant(soon, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email=f"soon-fp-{run_id}@twice.example"),
        participant(soon, iso3="DEU", email=f"soon-expert-{run_id}@twice.example"),
        participant(late, iso3="PRT", role=ParticipantRole.FOCAL_POINT, email=f"late-fp-{run_id}@twice.example"),
        participant(late, iso3="ESP", email=f"late-expert-{run_id}@twice.example"),
    ]
    return told


@pytest.fixture
def second_beat(stack):
    """Another beat on the same database and broker, as an administrator might start by mistake."""
    folder = Path(tempfile.mkdtemp(prefix="revmod-beat-"))
    log = (folder / "beat.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "celery"), "-A", "revmod", "beat", "--loglevel", "INFO", "--pidfile="],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    time.sleep(2)
    assert process.poll() is None, (folder / "beat.log").read_text()
    yield process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)
    log.close()


def queue_every_job(times: int) -> None:
    for _ in range(times):
        for entry in settings.CELERY_BEAT_SCHEDULE.values():
            app.send_task(entry["task"])


def test_jobs_run_twice_and_a_second_beat_tell_nobody_twice(stack, people, second_beat, run_id):
    suffix = f"-{run_id}@twice.example"
    before = settled(stack, suffix)  # the e-mails of joining the reviews
    # E-mails whose task never reached the broker, three minutes ago: the stranded job sends them.
    stranded_to = people[0]
    stranded = [
        Notification.objects.create(
            user=stranded_to, kind=NotificationKind.ASSIGNED, data={"state_names": {"en": f"Stranded {n}"}}
        )
        for n in range(STRANDED)
    ]
    Notification.objects.filter(pk__in=[n.pk for n in stranded]).update(
        created_at=timezone.now() - dt.timedelta(minutes=3)
    )

    began = time.monotonic()
    queue_every_job(times=2)
    after_two = settled(stack, suffix)
    queue_every_job(times=1)
    after_three = settled(stack, suffix)
    seconds = time.monotonic() - began

    new = after_three[len(before) :]
    repeated = [mail for mail, count in Counter(new).items() if count > 1]
    keyed = Notification.objects.filter(user__in=people).exclude(key="")
    by_kind = Counter(keyed.values_list("kind", flat=True))
    print(  # the figures for the note
        f"\nscheduled jobs twice + a second beat: {len(settings.CELERY_BEAT_SCHEDULE)} jobs queued 3 times; "
        f"{len(new)} e-mails ({len(repeated)} repeated), {dict(by_kind)} notifications; "
        f"{len(after_two) - len(before)} after the double run, 0 more expected after the third; {seconds:.1f} s"
    )

    assert repeated == []
    assert by_kind == {NotificationKind.DEADLINE: 2, NotificationKind.OVERDUE: 2}
    assert keyed.count() == keyed.values("user", "key").distinct().count()
    # 2 deadline reminders, 2 overdue notices, the stranded e-mails: each once.
    assert len(new) == 4 + STRANDED
    assert after_three == after_two  # the third run found nothing left to send
    assert Notification.objects.filter(pk__in=[n.pk for n in stranded], emailed_at__isnull=True).count() == 0
