"""A review's documents in a language it has translations into: the translated texts, and markers where not."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from reviews.models import ExportJob
from reviews.services import save_answer
from tests.reviews.test_export_confidentiality import needs_pdftotext
from tests.translations.test_views import PEOPLE, outcome, sign_in_as, unit
from translations import services

pytestmark = pytest.mark.django_db


def translate_section_one(desk) -> None:
    translation = unit(desk.section_one)
    translation = services.save_translation(
        translation,
        text="O código penal aplica-se.",
        base_version=0,
        seen_hash=translation.source_hash,
        user=desk.translator,
    )
    services.mark_done(
        translation, base_version=translation.version, seen_hash=translation.source_hash, user=desk.translator
    )


def export(client, world, django_capture_on_commit_callbacks, **data) -> ExportJob:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:export_review", kwargs={"pk": world.review.pk}),
            {"format": "docx", "language": "pt"} | data,
        )
    assert response.status_code == 302
    job = ExportJob.objects.latest("pk")
    job.refresh_from_db()
    return job


def test_a_word_document_in_portuguese_prints_the_translations_and_marks_the_original(
    client, desk, world, django_capture_on_commit_callbacks
):
    translate_section_one(desk)
    client.force_login(world.focal_point)

    job = export(client, world, django_capture_on_commit_callbacks)

    texts = [paragraph.text for paragraph in Document(job.file.open("rb")).paragraphs]
    assert "O código penal aplica-se." in texts
    assert "The penal code applies." not in texts
    assert [text for text in texts if "Penal Code" in text] == ["[original, Inglês] Penal Code · Art. 450-1"]
    assert job.file.name.rsplit("/", 1)[-1].startswith("review-france-pt")


def test_a_translation_made_from_an_earlier_text_is_printed_marked_outdated(
    client, desk, world, django_capture_on_commit_callbacks
):
    translate_section_one(desk)
    save_answer(
        world.review, desk.text_question, value="The new penal code applies.", base_revision=1, user=world.expert
    )
    client.force_login(world.focal_point)

    job = export(client, world, django_capture_on_commit_callbacks)

    texts = [paragraph.text for paragraph in Document(job.file.open("rb")).paragraphs]
    assert "[tradução desatualizada] O código penal aplica-se." in texts


def test_in_the_working_language_the_document_prints_the_original_unmarked(
    client, desk, world, django_capture_on_commit_callbacks
):
    translate_section_one(desk)
    client.force_login(world.focal_point)

    job = export(client, world, django_capture_on_commit_callbacks, language="en")

    texts = [paragraph.text for paragraph in Document(job.file.open("rb")).paragraphs]
    assert "The penal code applies." in texts
    assert not any("[original" in text for text in texts)


@needs_pdftotext
def test_a_pdf_in_portuguese_prints_the_translations(client, desk, world, django_capture_on_commit_callbacks):
    translate_section_one(desk)
    client.force_login(world.focal_point)

    job = export(client, world, django_capture_on_commit_callbacks, format="pdf")

    result = subprocess.run(  # noqa: S603 - poppler's pdftotext on a document the test made
        [shutil.which("pdftotext"), "-", "-"], input=job.file.open("rb").read(), capture_output=True, check=True
    )
    text = result.stdout.decode()
    assert "O código penal aplica-se." in text
    assert "[original, Inglês] Penal Code" in text


def test_the_export_form_offers_the_reviews_translations(client, desk, world):
    translate_section_one(desk)
    client.force_login(world.focal_point)

    page = client.get(reverse("reviews:detail", args=[world.review.pk])).content.decode()

    offered = page[page.index("Translations of the review") : page.index("Other languages (the texts in the original)")]
    assert '<option value="pt">' in offered


@pytest.mark.parametrize("who", PEOPLE)
def test_a_document_in_a_translation_is_made_only_for_those_who_read_the_answers(client, desk, world, who):
    translate_section_one(desk)
    sign_in_as(client, desk, who)
    before = ExportJob.objects.count()

    response = client.post(
        reverse("reviews:export_review", kwargs={"pk": world.review.pk}), {"format": "pdf", "language": "pt"}
    )

    readers = ("secretariat", "focal_point", "expert", "contributor")
    made = ExportJob.objects.count() - before
    if who in readers:
        assert (outcome(response), made) == (302, 1)
    else:
        assert outcome(response) in ("login", 302, 404)
        assert made == 0
