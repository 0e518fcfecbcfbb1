"""A soak of mixed traffic through nginx: reads, saves, comments, exports and live sockets.

For FAULTS_SOAK_SECONDS (CI: 60; the issue's full run: 600) eight readers load the review,
questionnaire and discussion pages, a focal point saves an answer, two people post comments,
one asks for an export every 15 seconds, and 20 sockets listen. Nothing may fail: no 5xx, no
unanswered request, no comment lost on a socket, every export done. The web workers' resident
memory, measured once the warm-up (the first fifth, at least 30 s) is over and again at the end, may grow by
less than 10%.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import time

import pytest

from reviews.enums import ExportStatus, ParticipantRole, Step
from reviews.models import ExportJob
from tests.factories.accounts import PASSWORD
from tests.factories.reviews import participant, review
from tests.faults.stack import (
    Reader,
    Stack,
    close_all,
    csrf_token,
    fresh_questionnaire,
    new_post,
    post_comment,
    signed_in,
    wait_for,
    wait_until,
)

pytestmark = pytest.mark.faults

SECONDS = int(os.environ.get("FAULTS_SOAK_SECONDS", "60"))
PAGE_READERS = 8
SOCKETS = 20


def resident_kb(stack: Stack, name: str) -> int:
    """The resident memory of a stack process and its children, in KB."""
    pid = stack.pid(name)
    assert pid is not None, f"{name} is not running"
    group = subprocess.run(["pgrep", "-g", str(pid)], capture_output=True, text=True, check=False).stdout.split()
    pids = [str(pid), *group]
    total = 0
    for each in set(pids):
        try:
            with open(f"/proc/{each}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        except (FileNotFoundError, StopIteration):
            continue
    return total


@pytest.fixture
def drafting(live_db, run_id):
    """A review at the drafting step whose focal point saves answers and asks for exports."""
    questionnaire = fresh_questionnaire(questions=30, sections=3)
    country_review = review(of="ITA", same_region="AUT", other_region="ARG", questionnaire=questionnaire)
    country_review.step = Step.SAQ_DRAFTING
    country_review.save(update_fields=["step"])
    focal_point = participant(
        country_review, iso3="ITA", role=ParticipantRole.FOCAL_POINT, email=f"soak-fp-{run_id}@faults.example"
    )
    text_question = questionnaire.questions.filter(kind="text").order_by("order").first()
    return country_review, focal_point, text_question


@pytest.mark.timeout(SECONDS + 300)  # the soak itself, its set-up and the exports' end
def test_mixed_traffic_for_the_soak_fails_nothing_and_memory_holds(stack, discussion, drafting):
    country_review, people = discussion
    drafted, focal_point, question = drafting
    web = [f"web-{port}" for port in stack.workers] + [f"sockets-{port}" for port in stack.socket_workers]
    failures: list[tuple[str, int]] = []
    counts = {"pages": 0, "saves": 0, "comments": 0, "exports": 0}
    memory: dict[str, dict[str, int]] = {}
    questionnaire_pk = drafted.questionnaires.get().pk

    async def scenario():
        base = stack.base
        deadline = time.monotonic() + SECONDS
        readers_clients = [await signed_in(base, person.email, PASSWORD) for person in people["readers"]]
        posters = [await signed_in(base, person.email, PASSWORD) for person in people["posters"]]
        saver = await signed_in(base, focal_point.email, PASSWORD)
        sockets = [Reader(readers_clients[n % len(readers_clients)], base, country_review.pk) for n in range(SOCKETS)]
        tasks = [asyncio.create_task(reader.run()) for reader in sockets]
        assert await wait_until(lambda: all(reader.connected.is_set() for reader in sockets), 60) >= 0
        # The reviewing experts read the review and its dialogue; the focal point of the review
        # being drafted reads its questionnaire (the reviewing side may not before submission).
        pages = [f"/en/reviews/{country_review.pk}/", f"/en/reviews/{country_review.pk}/discussion/"]
        own_pages = [f"/en/reviews/{drafted.pk}/questionnaires/{questionnaire_pk}/", f"/en/reviews/{drafted.pk}/"]
        posts = []

        async def read_pages(client, urls) -> None:
            while time.monotonic() < deadline:
                try:
                    async with client.get(base + random.choice(urls)) as response:
                        await response.read()
                        status = response.status
                except (TimeoutError, OSError):
                    status = 0
                counts["pages"] += 1
                if status != 200:
                    failures.append(("page", status))

        async def comment(client) -> None:
            while time.monotonic() < deadline:
                post = new_post()
                posts.append(post)
                await post_comment(client, base, country_review.pk, post, tries=3)
                counts["comments"] += 1
                if post.comment_id is None:
                    failures.append(("comment", post.statuses[-1][2]))
                await asyncio.sleep(0.5)

        async def save_answers() -> None:
            revision = 0
            url = f"{base}/en/reviews/{drafted.pk}/answers/{question.pk}/"
            while time.monotonic() < deadline:
                data = {
                    f"q{question.pk}": f"Soak answer {time.monotonic():.3f}",
                    f"q{question.pk}-rev": str(revision),
                    "csrfmiddlewaretoken": csrf_token(saver, base),
                }
                headers = {"X-Requested-With": "fetch", "Referer": base + "/"}
                try:
                    async with saver.post(url, data=data, headers=headers) as response:
                        status = response.status
                        if status == 200:
                            revision = (await response.json())["revision"]
                        else:
                            await response.read()
                except (TimeoutError, OSError):
                    status = 0
                counts["saves"] += 1
                if status != 200:
                    failures.append(("save", status))
                await asyncio.sleep(0.3)

        async def export() -> None:
            while time.monotonic() < deadline - 10:
                data = {"format": "pdf", "language": "fr", "csrfmiddlewaretoken": csrf_token(saver, base)}
                async with saver.post(
                    f"{base}/en/reviews/{drafted.pk}/exports/",
                    data=data,
                    headers={"Referer": base + "/"},
                    allow_redirects=False,
                ) as response:
                    await response.read()
                    if response.status != 302:
                        failures.append(("export", response.status))
                counts["exports"] += 1
                await asyncio.sleep(15)

        async def measure() -> None:
            await asyncio.sleep(max(30, SECONDS / 5))  # the warm-up: first renders, caches filling
            memory["warm"] = {name: resident_kb(stack, name) for name in web}

        await asyncio.gather(
            *(read_pages(readers_clients[n % len(readers_clients)], pages) for n in range(PAGE_READERS - 2)),
            *(read_pages(saver, own_pages) for _ in range(2)),
            *(comment(client) for client in posters),
            save_answers(),
            export(),
            measure(),
        )
        memory["end"] = {name: resident_kb(stack, name) for name in web}
        expected = {post.comment_id for post in posts if post.comment_id is not None}
        delivered = await wait_until(lambda: all(expected <= reader.shown for reader in sockets), 30)
        lost = sum(len(expected - reader.shown) for reader in sockets)
        await close_all(sockets, tasks, [*readers_clients, *posters, saver])
        return delivered, lost

    began = time.monotonic()
    delivered, lost = asyncio.run(scenario())
    exports_done = wait_for(
        lambda: not ExportJob.objects.filter(review=drafted).exclude(status=ExportStatus.DONE).exists(), 120, every=0.5
    )
    growth = {name: memory["end"][name] / memory["warm"][name] - 1 for name in web}
    print(  # the figures for the note
        f"\nsoak {SECONDS} s ({time.monotonic() - began:.0f} s with set-up): {counts['pages']} pages, "
        f"{counts['saves']} saves, {counts['comments']} comments, {counts['exports']} exports over {SOCKETS} sockets; "
        f"{len(failures)} failures {failures[:5]}; {lost} comments lost; exports all done: {exports_done >= 0}; "
        f"web workers' memory after warm-up -> end: "
        + ", ".join(f"{name} {memory['warm'][name] // 1024}->{memory['end'][name] // 1024} MB" for name in web)
        + f" (growth {', '.join(f'{value:+.1%}' for value in growth.values())})"
    )

    assert failures == []
    assert delivered >= 0
    assert lost == 0
    assert exports_done >= 0, "an export was not done"
    assert all(value < 0.10 for value in growth.values()), growth
