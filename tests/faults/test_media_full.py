"""The disk of MEDIA_ROOT fills up while a focal point uploads an evidence file.

The review's evidence folder is a 64 KB tmpfs mounted under the stack's MEDIA_ROOT; the upload
of a 200 KB PDF goes through nginx to a web worker, which runs out of room in the middle of
writing it. The page answers with the section again and a clear message in the focal point's
language (French), no part of the file is left on the disk, no evidence is recorded, and the
answer sent with the form is saved as typed. With room again, the same upload succeeds.
"""

from __future__ import annotations

import asyncio
import subprocess

import aiohttp
import pytest

from reviews.enums import ParticipantRole
from reviews.models import Answer, Evidence
from tests.factories.accounts import PASSWORD
from tests.factories.reviews import participant, review
from tests.faults.stack import Stack, csrf_token, fresh_questionnaire, signed_in

pytestmark = pytest.mark.faults

PDF = b"%PDF-1.4\n" + b"%" + b"0123456789abcdef" * 12_800 + b"\n%%EOF\n"  # about 200 KB
REFUSED = "Le serveur n’a plus de place pour stocker des fichiers. Le fichier n’a pas été joint"  # noqa: RUF001 - French


@pytest.fixture
def small_disk(stack: Stack, live_db, run_id):
    questionnaire = fresh_questionnaire(questions=6)
    country_review = review(of="FRA", questionnaire=questionnaire)
    focal_point = participant(
        country_review,
        iso3="FRA",
        role=ParticipantRole.FOCAL_POINT,
        email=f"media-{run_id}@faults.example",
        preferred_language="fr",
    )
    folder = stack.state / "media" / "evidence" / str(country_review.pk)
    folder.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(folder)], check=True)
    try:
        yield country_review, focal_point, folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)  # the case may have unmounted it already


async def upload(stack: Stack, client: aiohttp.ClientSession, country_review, question, text: str):
    revision = await asyncio.to_thread(lambda: Answer.objects.get(review=country_review, question=question).revision)
    form = aiohttp.FormData()
    prefix = f"evidence-{question.pk}"
    for name, value in (
        ("csrfmiddlewaretoken", csrf_token(client, stack.base)),
        (f"q{question.pk}", text),
        (f"q{question.pk}-rev", str(revision)),
        (f"{prefix}-title", "Code pénal"),
        (f"{prefix}-language", "fr"),
    ):
        form.add_field(name, value)
    form.add_field(f"{prefix}-file", PDF, filename="code-penal.pdf", content_type="application/pdf")
    url = f"{stack.base}/fr/reviews/{country_review.pk}/answers/{question.pk}/evidence/"
    async with client.post(url, data=form, headers={"Referer": stack.base + "/"}, allow_redirects=False) as response:
        return response.status, await response.text()


def test_a_full_disk_refuses_the_upload_clearly_and_leaves_nothing_half_written(stack, small_disk):
    country_review, focal_point, folder = small_disk
    question = country_review.questionnaires.get().questions.filter(kind="text").order_by("order").first()
    Answer.objects.update_or_create(
        review=country_review, question=question, defaults={"value": "Avant", "revision": 1}
    )

    async def scenario():
        client = await signed_in(stack.base, focal_point.email, PASSWORD)
        full = await upload(stack, client, country_review, question, "Voir le code pénal, art. 5")
        left = sorted(path.name for path in folder.iterdir())  # what the failed write left on the full disk
        subprocess.run(["umount", str(folder)], check=True)  # room again: the real disk underneath
        again = await upload(stack, client, country_review, question, "Voir le code pénal, art. 5 et 6")
        await client.close()
        return full, left, again

    (status, page), left_while_full, (status_again, _page) = asyncio.run(scenario())
    answer = Answer.objects.get(review=country_review, question=question)
    stored = list(Evidence.objects.filter(answer=answer).values_list("file", flat=True))
    on_disk = [name for name in stored if (stack.state / "media" / name).exists()]
    print(  # the figures for the note
        f"\nmedia full: upload of {len(PDF) // 1024} KB into 64 KB answered {status} with the French message; "
        f"{len(left_while_full)} files left on the full disk; then with room {status_again}, "
        f"{len(stored)} evidence recorded"
    )

    assert status == 400
    assert REFUSED in page
    assert 'lang="fr"' in page
    assert status_again == 302
    assert left_while_full == []
    assert len(stored) == 1  # only the upload that had room
    assert on_disk == stored
    assert answer.value == "Voir le code pénal, art. 5 et 6"  # what was typed, never lost
