"""One output of a review (written feedback, a list of observations, the summary) downloaded as PDF or Word."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from docx.oxml.ns import qn

from reviews.enums import ObservationCategory, Step
from reviews.models import Feedback, ObservationList, Summary
from reviews.services import add_observation, ensure_outputs, save_feedback, save_summary
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.reviews.test_export_confidentiality import needs_pdftotext

pytestmark = pytest.mark.django_db


@pytest.fixture
def outputs(world):
    """Germany's feedback (not sent), Germany's list of observations, and the summary, all with some text."""
    world.review.step = Step.FEEDBACK
    world.review.save(update_fields=["step"])
    ensure_outputs(world.review)
    feedback = Feedback.objects.get(review=world.review, reviewing_state__iso3="DEU")
    save_feedback(feedback, text="Please give examples of cases.\nAnd statistics.", user=world.reviewing_expert)
    world.review.step = Step.OBSERVATIONS
    world.review.save(update_fields=["step"])
    observations = ObservationList.objects.get(review=world.review, reviewing_state__iso3="DEU")
    add_observation(
        observations,
        category=ObservationCategory.GAP,
        text="No liability of legal persons.",
        articles=[],
        questions=world.questionnaire.questions.filter(number="1"),
        user=world.reviewing_expert,
    )
    world.review.step = Step.SUMMARY
    world.review.save(update_fields=["step"])
    summary = Summary.objects.get(review=world.review)
    save_summary(summary, text="France has a sound framework.", user=world.focal_point)
    return {"feedback": feedback, "observations": observations, "summary": summary}


def url(world, kind: str, output, extension: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(
            "reviews:export_output",
            kwargs={"pk": world.review.pk, "kind": kind, "output_pk": output.pk, "extension": extension},
        )


def docx_texts(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]


def test_a_list_of_observations_downloads_as_word_named_after_the_state_and_the_output(client, world, outputs):
    client.force_login(world.focal_point)

    response = client.get(url(world, "observations", outputs["observations"], "docx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="france-observations-germany-en.docx"'
    texts = docx_texts(response.content)
    assert texts[0] == "Observations of Germany"
    assert "Review of France" in texts
    assert "Gap: No liability of legal persons. (question 1)" in texts
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_DOWNLOADED, review_id=world.review.pk).count() == 1


def test_the_summary_and_the_feedback_download_as_word_with_their_text(client, world, outputs):
    client.force_login(world.reviewing_expert)

    summary = client.get(url(world, "summary", outputs["summary"], "docx"))
    feedback = client.get(url(world, "feedback", outputs["feedback"], "docx"))

    assert summary["Content-Disposition"] == 'attachment; filename="france-summary-en.docx"'
    assert "France has a sound framework." in docx_texts(summary.content)
    assert feedback["Content-Disposition"] == 'attachment; filename="france-feedback-germany-en.docx"'
    assert docx_texts(feedback.content)[-2:] == ["Please give examples of cases.", "And statistics."]


def test_an_arabic_word_output_reads_right_to_left(client, world, outputs):
    client.force_login(world.focal_point)

    response = client.get(url(world, "summary", outputs["summary"], "docx", language="ar"))

    paragraphs = [paragraph for paragraph in Document(io.BytesIO(response.content)).paragraphs if paragraph.text]
    assert response["Content-Disposition"] == 'attachment; filename="france-summary-ar.docx"'
    assert paragraphs[1].text == "استعراض فرنسا"
    for paragraph in paragraphs:
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None, paragraph.text


def pdf_words(content: bytes) -> list[tuple[float, str]]:
    """(left edge, word) of each word of the first page, from poppler's pdftotext."""
    result = subprocess.run(  # noqa: S603 - poppler's pdftotext on a document the test made
        [shutil.which("pdftotext"), "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    words = []
    for line in result.stdout.decode().splitlines():
        if line.strip().startswith("<word "):
            x_min = float(line.split('xMin="', 1)[1].split('"', 1)[0])
            words.append((x_min, line.rsplit(">", 2)[-2].split("<", 1)[0]))
    return words


@needs_pdftotext
def test_the_arabic_pdf_of_an_output_starts_at_the_right_margin(client, world, outputs):
    client.force_login(world.focal_point)

    arabic = client.get(url(world, "observations", outputs["observations"], "pdf", language="ar"))
    english = client.get(url(world, "observations", outputs["observations"], "pdf"))

    assert arabic.content.startswith(b"%PDF-")
    assert arabic["Content-Type"] == "application/pdf"
    assert arabic["Content-Disposition"] == 'attachment; filename="france-observations-germany-ar.pdf"'
    # The title is the first word on the page: at the left margin in English, at the right in Arabic (A4 is 595pt).
    first_english, first_arabic = pdf_words(english.content)[0], pdf_words(arabic.content)[0]
    assert first_english[1] == "Observations"
    assert first_english[0] < 100
    assert first_arabic[0] > 300
    # pdftotext's boxes hold each word in drawing order: an Arabic word comes out reversed.
    assert "ألمانيا"[::-1] in [word for _x, word in pdf_words(arabic.content)]


def test_the_outputs_page_links_each_output_to_its_pdf_and_word_files(client, world, outputs):
    client.force_login(world.reviewing_expert)

    page = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()

    for kind in ("feedback", "observations", "summary"):
        for extension in ("pdf", "docx"):
            assert f'href="{url(world, kind, outputs[kind], extension)}"' in page


def test_unsent_feedback_is_exported_only_by_its_own_state_and_the_secretariat(client, world, outputs):
    feedback_url = url(world, "feedback", outputs["feedback"], "pdf")
    answers = {}
    for name in ("reviewing_expert", "secretariat", "observer", "reviewing_focal_point", "focal_point", "expert"):
        client.force_login(getattr(world, name))
        answers[name] = client.get(feedback_url).status_code

    assert answers == {
        "reviewing_expert": 200,
        "secretariat": 200,
        "observer": 200,  # a German observer reads Germany's draft, as on the outputs page
        "reviewing_focal_point": 404,  # Brazil
        "focal_point": 404,  # France, before it is sent
        "expert": 404,
    }


@pytest.mark.parametrize("kind", ["observations", "summary"])
@pytest.mark.parametrize(
    "name", ["focal_point", "expert", "reviewing_expert", "reviewing_focal_point", "observer", "secretariat"]
)
def test_every_reader_of_the_dialogue_exports_the_lists_and_the_summary(client, world, outputs, kind, name):
    client.force_login(getattr(world, name))

    assert client.get(url(world, kind, outputs[kind], "docx")).status_code == 200


def test_sent_feedback_is_exported_by_the_state_under_review(client, world, outputs):
    Feedback.objects.filter(pk=outputs["feedback"].pk).update(submitted_at=timezone.now())
    client.force_login(world.focal_point)

    assert client.get(url(world, "feedback", outputs["feedback"], "docx")).status_code == 200


@pytest.mark.parametrize("kind", ["feedback", "observations", "summary"])
@pytest.mark.parametrize("name", ["contributor", "other_contributor", "stranger", "nobody", "stakeholder"])
def test_those_who_do_not_read_the_outputs_get_404(client, world, outputs, kind, name):
    client.force_login(getattr(world, name))

    assert client.get(url(world, kind, outputs[kind], "pdf")).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_DOWNLOADED).count() == 0


def test_the_outputs_page_does_not_link_unsent_feedback_for_the_state_under_review(client, world, outputs):
    client.force_login(world.focal_point)

    page = client.get(reverse("reviews:outputs", kwargs={"pk": world.review.pk})).content.decode()

    assert url(world, "feedback", outputs["feedback"], "pdf") not in page
    assert url(world, "summary", outputs["summary"], "pdf") in page


def test_a_download_needs_a_get(client, world, outputs):
    client.force_login(world.focal_point)

    assert client.post(url(world, "summary", outputs["summary"], "pdf")).status_code == 405
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_DOWNLOADED).count() == 0


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, outputs):
    response = client.get(url(world, "summary", outputs["summary"], "pdf"))

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_an_output_of_another_review_an_unknown_kind_or_format_answers_404(client, world, outputs):
    ensure_outputs(world.other_review)
    other_summary = Summary.objects.get(review=world.other_review)
    client.force_login(world.secretariat)

    assert client.get(url(world, "summary", other_summary, "pdf")).status_code == 404
    assert client.get(url(world, "threads", outputs["summary"], "pdf")).status_code == 404
    assert client.get(url(world, "summary", outputs["summary"], "exe")).status_code == 404
