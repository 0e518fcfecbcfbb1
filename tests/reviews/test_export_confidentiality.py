"""A document of a review shows its reader exactly the threads the pages show them, in both formats."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from reviews.documents import gather
from reviews.enums import Step, ThreadVisibility
from reviews.models import ExportJob
from reviews.permissions import forget_cached_permissions
from reviews.services import get_or_create_thread, post_comment, remove_participant, save_answer

pytestmark = pytest.mark.django_db

SHARED = "Shared remark on the answer"
PRIVATE = "Reviewing side only: the answer looks weak"
PRIVATE_GENERAL = "Reviewing side only: plan our questions"


@pytest.fixture
def discussed(world):
    """Submitted and in dialogue, with a comment for everyone and two for the reviewing side only."""
    question = world.questionnaire.questions.get(number="1")
    save_answer(world.review, question, value="yes", base_revision=0, user=world.expert)
    world.review.step = Step.DIALOGUE
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])
    for visibility, on, body in (
        (ThreadVisibility.ALL, question, SHARED),
        (ThreadVisibility.REVIEWING, question, PRIVATE),
        (ThreadVisibility.REVIEWING, None, PRIVATE_GENERAL),
    ):
        thread = get_or_create_thread(world.review, question=on, visibility=visibility)
        post_comment(thread, author=world.reviewing_expert, body=body)
    return world


def exported_text(client, world, person, export_format: str, capture) -> str:
    client.force_login(person)
    with capture(execute=True):
        response = client.post(
            reverse("reviews:export_review", kwargs={"pk": world.review.pk}),
            {"format": export_format, "language": "en", "threads": "1"},
        )
    assert response.status_code == 302
    job = ExportJob.objects.filter(requested_by=person).latest("pk")
    download = client.get(reverse("reviews:export_download", kwargs={"pk": world.review.pk, "job_pk": job.pk}))
    content = b"".join(download.streaming_content)
    if export_format == "docx":
        return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)
    result = subprocess.run(  # noqa: S603 - poppler's pdftotext on a document the test made
        [shutil.which("pdftotext"), "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (CI installs it)")


@needs_pdftotext
@pytest.mark.parametrize("export_format", ["pdf", "docx"])
def test_export_for_the_reviewed_focal_point_leaves_out_the_reviewing_sides_threads(
    client, discussed, export_format, django_capture_on_commit_callbacks
):
    text = exported_text(client, discussed, discussed.focal_point, export_format, django_capture_on_commit_callbacks)

    assert SHARED in text
    assert PRIVATE not in text
    assert PRIVATE_GENERAL not in text.replace("\n", " ")


@needs_pdftotext
@pytest.mark.parametrize("export_format", ["pdf", "docx"])
def test_export_for_a_reviewing_expert_holds_the_reviewing_sides_comments_on_questions(
    client, discussed, export_format, django_capture_on_commit_callbacks
):
    text = exported_text(
        client, discussed, discussed.reviewing_expert, export_format, django_capture_on_commit_callbacks
    )

    assert SHARED in text
    assert PRIVATE in text


def test_export_built_after_the_requester_was_removed_holds_no_comment(discussed):
    participation = discussed.review.participants.get(user=discussed.reviewing_expert)
    remove_participant(participation, by=discussed.secretariat)
    forget_cached_permissions(discussed.reviewing_expert)

    document = gather(
        discussed.review, reader=discussed.reviewing_expert, include_threads=True, progress=lambda _: None
    )

    assert document.threads == {}
