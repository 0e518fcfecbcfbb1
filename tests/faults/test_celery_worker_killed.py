"""The Celery worker dies in the middle of a PDF export.

The export task is acknowledged only when it ends, so the broker delivers it again: at once
when only the process running it was killed (the worker's main process rejects it), after the
visibility timeout when the whole worker died and was started again (as systemd restarts it).
The focal point's page polls the export's status through nginx the whole time: the progress it
shows never goes back, the export ends done, and exactly one file is stored for it.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import time

import pytest

from reviews.enums import ExportStatus, ParticipantRole
from reviews.models import ExportJob
from tests.factories.accounts import PASSWORD
from tests.factories.reviews import participant, review
from tests.faults.stack import Stack, csrf_token, fresh_questionnaire, signed_in

pytestmark = pytest.mark.faults

QUESTIONS = 240  # enough for the PDF to take seconds on this machine, so the kill lands inside it
VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))


@pytest.fixture
def long_review(live_db, run_id):
    questionnaire = fresh_questionnaire(questions=QUESTIONS, sections=8)
    country_review = review(of="FRA", questionnaire=questionnaire)
    focal_point = participant(
        country_review, iso3="FRA", role=ParticipantRole.FOCAL_POINT, email=f"export-{run_id}@faults.example"
    )
    return country_review, focal_point


def kill_worker(stack: Stack, how: str) -> None:
    """``children``: the pool processes die, the main process stays; ``worker``: all of it dies."""
    pid = stack.pid("worker")
    assert pid is not None, "the Celery worker is not running"
    if how == "worker":
        stack.kill("worker")
        stack.start("worker")  # what systemd's Restart=always does
        return
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout.split()
    assert children, "the Celery worker has no pool processes"
    for child in children:
        os.kill(int(child), signal.SIGKILL)


def export_files(stack: Stack, since: float) -> list[str]:
    folder = stack.state / "media" / "exports"
    return sorted(
        str(path.relative_to(folder)) for path in folder.rglob("review-france-en*.pdf") if path.stat().st_mtime >= since
    )


@pytest.mark.parametrize("how", ["children", "worker"])
def test_an_export_whose_worker_died_completes_once_and_its_progress_resumes(stack, long_review, how):
    country_review, focal_point = long_review
    began = time.time()

    async def scenario():
        client = await signed_in(stack.base, focal_point.email, PASSWORD)
        async with client.post(
            f"{stack.base}/en/reviews/{country_review.pk}/exports/",
            data={"format": "pdf", "language": "en", "csrfmiddlewaretoken": csrf_token(client, stack.base)},
            headers={"Referer": stack.base + "/"},
            allow_redirects=False,
        ) as response:
            assert response.status == 302, f"the export request answered {response.status}"
            job_url = response.headers["Location"].rstrip("/")
        seen: list[tuple[float, str, int]] = []  # (seconds, status, progress) as the page polls them
        killed_at = None
        while time.monotonic() - start < VISIBILITY_TIMEOUT + 90:
            async with client.get(f"{stack.base}{job_url}/status/") as response:
                assert response.status == 200, f"the export's status answered {response.status}"
                payload = await response.json()
            seen.append((time.monotonic() - start, payload["status"], payload["progress"]))
            if killed_at is None and payload["status"] == ExportStatus.RUNNING and 5 <= payload["progress"] < 100:
                killed_at = time.monotonic() - start
                await asyncio.to_thread(kill_worker, stack, how)
            if payload["status"] in (ExportStatus.DONE, ExportStatus.FAILED):
                break
            await asyncio.sleep(0.1)
        async with client.get(f"{stack.base}{job_url}/download/") as response:
            downloaded = (response.status, (await response.read())[:5])
        await client.close()
        return seen, killed_at, downloaded

    start = time.monotonic()
    seen, killed_at, downloaded = asyncio.run(scenario())

    job = ExportJob.objects.get(review=country_review)
    progress = [percent for _at, _status, percent in seen]
    backwards = [(before, after) for before, after in itertools.pairwise(progress) if after < before]
    at_kill = next(percent for at, _status, percent in seen if at >= killed_at) if killed_at is not None else -1
    raised_again = next((at for at, _status, percent in seen if killed_at and at > killed_at and percent > at_kill), -1)
    done_at = next((at for at, status, _percent in seen if status == ExportStatus.DONE), -1)
    files = export_files(stack, began)
    assert killed_at is not None, f"the export never showed as running; the polls saw {sorted(set(seen[-3:]))}"
    print(  # the figures for the note
        f"\ncelery killed ({how}): killed at {at_kill}% ({killed_at:.1f} s after the request); progress moved "
        f"again {raised_again - killed_at:.1f} s after the kill, done {done_at - killed_at:.1f} s after it "
        f"(visibility timeout {VISIBILITY_TIMEOUT} s); {len(backwards)} steps back in {len(seen)} polls; "
        f"{len(files)} file stored; download {downloaded[0]}"
    )

    assert job.status == ExportStatus.DONE, f"the export ended {job.status}: {job.error}"
    assert backwards == [], "the progress the page shows went back"
    assert raised_again > killed_at, "the progress did not resume after the kill"
    assert len(files) == 1, f"exactly one file for the export, found {files}"
    assert job.file.name.endswith(files[0])
    assert downloaded == (200, b"%PDF-")
    if how == "children":  # rejected by the surviving main process: delivered again at once
        assert done_at - killed_at < 30
    else:  # the timeout, the worker's next look for abandoned tasks (every 10 s), and the build
        assert done_at - killed_at < VISIBILITY_TIMEOUT + 30
