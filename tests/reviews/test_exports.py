from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from reviews.enums import ExportStatus, Step
from reviews.models import ExportJob
from reviews.services import exports as export_services
from reviews.services import save_answer
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.reviews.test_export_confidentiality import needs_pdftotext

pytestmark = pytest.mark.django_db


def answer_some(world) -> None:
    questions = world.questionnaire.questions.prefetch_related("choices")
    save_answer(world.review, questions.get(number="1"), value="yes", base_revision=0, user=world.expert)
    save_answer(
        world.review, questions.get(number="2"), value="المادة 5 من قانون العقوبات", base_revision=0, user=world.expert
    )


def export(client, world, **data) -> ExportJob:
    response = client.post(
        reverse("reviews:export_review", kwargs={"pk": world.review.pk}), {"format": "pdf", "language": "ar"} | data
    )
    assert response.status_code == 302
    return ExportJob.objects.latest("pk")


def test_pdf_export_in_arabic_is_built_in_the_background_and_downloaded(
    client, world, django_capture_on_commit_callbacks
):
    answer_some(world)
    client.force_login(world.focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        job = export(client, world)
    job.refresh_from_db()
    status = client.get(reverse("reviews:export_status", kwargs={"pk": world.review.pk, "job_pk": job.pk})).json()
    download = client.get(reverse("reviews:export_download", kwargs={"pk": world.review.pk, "job_pk": job.pk}))

    assert status == {"status": ExportStatus.DONE, "progress": 100}
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF-")
    assert download["Content-Disposition"].startswith('attachment; filename="review-france-ar')
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_DOWNLOADED, review_id=world.review.pk).count() == 1


def test_docx_export_in_chinese_has_headings_answers_and_a_table_of_contents(
    client, world, django_capture_on_commit_callbacks
):
    answer_some(world)
    client.force_login(world.focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        job = export(client, world, format="docx", language="zh-hans")
    job.refresh_from_db()
    document = Document(job.file.open("rb"))

    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "对法国的审议"
    assert "是" in texts
    assert "المادة 5 من قانون العقوبات" in texts
    assert any(text.startswith("1. ") for text in texts)
    contents = texts.index("目录")
    section_titles = [section.title for section in world.questionnaire.sections.order_by("order")]
    # The table of contents already lists the questionnaire and its sections (viewers that do not
    # recalculate fields show this); Word recalculates it with page numbers when the file opens.
    assert texts[contents + 1 : contents + 2 + len(section_titles)] == [world.questionnaire.title, *section_titles]
    with zipfile.ZipFile(io.BytesIO(job.file.open("rb").read())) as archive:
        body = archive.read("word/document.xml").decode()
        settings = archive.read("word/settings.xml").decode()
    field = body[body.index('TOC \\o "1-2"') : body.index('w:fldCharType="end"')]
    assert 'w:fldCharType="separate"' in field
    assert section_titles[-1] in field
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("updateFields") < settings.index("<w:compat")


def test_arabic_docx_paragraphs_read_right_to_left(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        job = export(client, world, format="docx", language="ar")
    job.refresh_from_db()

    document = Document(job.file.open("rb"))
    paragraphs = [paragraph for paragraph in document.paragraphs if paragraph.text]
    assert paragraphs[0].text == "استعراض فرنسا"
    for paragraph in paragraphs:
        assert paragraph._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None, paragraph.text
        # An explicit "right" would be read as "end" (the left margin) by LibreOffice: none is set.
        assert paragraph.alignment is None, paragraph.text
    with zipfile.ZipFile(io.BytesIO(job.file.open("rb").read())) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert 'w:cs="Noto Naskh Arabic"' in styles


def test_exports_are_refused_to_those_who_may_not_read_the_answers(client, world):
    client.force_login(world.reviewing_expert)

    response = client.post(
        reverse("reviews:export_review", kwargs={"pk": world.review.pk}),
        {"format": "pdf", "language": "en"},
        follow=True,
    )

    assert ExportJob.objects.count() == 0
    assert "You cannot export this review." in response.content.decode()


def test_someone_elses_export_answers_404(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        job = export(client, world, format="docx")
    for person in (world.expert, world.stranger):
        client.force_login(person)
        for name in ("export_job", "export_status", "export_download"):
            assert (
                client.get(reverse(f"reviews:{name}", kwargs={"pk": world.review.pk, "job_pk": job.pk})).status_code
                == 404
            )


def test_export_page_refreshes_itself_while_waiting(client, world):
    client.force_login(world.focal_point)
    job = ExportJob.objects.create(review=world.review, requested_by=world.focal_point, format="pdf", language="en")

    page = client.get(reverse("reviews:export_job", kwargs={"pk": world.review.pk, "job_pk": job.pk})).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress max="100" value="0"' in page


def test_secretariat_exports_a_cycle_to_csv_and_excel(client, world):
    answer_some(world)
    client.force_login(world.secretariat)
    cycle = world.review.cycle

    overview = client.get(
        reverse("reviews:export_cycle", kwargs={"cycle_pk": cycle.pk, "what": "overview", "extension": "csv"})
    )
    answers = client.get(
        reverse("reviews:export_cycle", kwargs={"cycle_pk": cycle.pk, "what": "answers", "extension": "xlsx"})
    )

    lines = overview.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "State,ISO3,Regional group,Group,Step,Deadline,Late,Submitted"
    assert sorted(line.split(",")[1] for line in lines[1:]) == ["EGY", "FRA"]
    assert answers.content[:2] == b"PK"


@pytest.mark.parametrize("who", ["focal_point", "reviewing_expert", "anonymous"])
def test_cycle_exports_are_for_the_secretariat_only(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))

    response = client.get(
        reverse(
            "reviews:export_cycle", kwargs={"cycle_pk": world.review.cycle.pk, "what": "answers", "extension": "csv"}
        )
    )

    assert response.status_code == (302 if who == "anonymous" else 404)


def test_a_failed_export_is_reported(world, monkeypatch):
    job = ExportJob.objects.create(review=world.review, requested_by=world.focal_point, format="pdf", language="en")
    monkeypatch.setattr(export_services, "build_pdf", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("no fonts")))

    with pytest.raises(RuntimeError):
        export_services.build_export(job)

    job.refresh_from_db()
    assert (job.status, job.error) == (ExportStatus.FAILED, "no fonts")


def test_the_review_page_offers_the_export_to_readers_only(client, world):
    world.review.step = Step.SAQ_DRAFTING
    client.force_login(world.focal_point)
    reader = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()
    client.force_login(world.reviewing_expert)
    not_yet = client.get(reverse("reviews:detail", kwargs={"pk": world.review.pk})).content.decode()

    assert "Prepare the document" in reader
    assert "Prepare the document" not in not_yet


@needs_pdftotext
def test_the_arabic_pdf_keeps_each_address_of_a_citation_in_its_own_order(
    client, world, django_capture_on_commit_callbacks
):
    citations = [
        {"title": "قانون العقوبات", "provision": "art. 5", "url": "https://sherloc.unodc.org/"},
        {"title": "https://example.org/law/", "provision": "", "url": ""},
    ]
    save_answer(
        world.review, world.questionnaire.questions.get(number="7"), value=citations, base_revision=0, user=world.expert
    )
    client.force_login(world.focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        job = export(client, world)
    job.refresh_from_db()
    result = subprocess.run(  # noqa: S603 - poppler's pdftotext on a document the test made
        [shutil.which("pdftotext"), "-layout", "-", "-"],
        input=job.file.open("rb").read(),
        capture_output=True,
        check=True,
    )
    lines = [line.strip() for line in result.stdout.decode().splitlines()]

    # Before: "/art. 5 · https://sherloc.unodc.org · …" and "/https://example.org/law"
    assert "https://example.org/law/" in lines
    assert any(line.startswith("https://sherloc.unodc.org/ · art. 5 · ") for line in lines)


@pytest.fixture
def media_in_memory(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}


def test_an_export_built_by_two_overlapping_runs_keeps_the_file_of_the_first_to_finish(world, media_in_memory):
    """A delivery after the visibility timeout may overlap the first run: one file, one finish."""
    job = ExportJob.objects.create(review=world.review, requested_by=world.focal_point, format="docx", language="en")
    late = ExportJob.objects.get(pk=job.pk)  # the second run read the job before the first ended

    first = export_services.build_export(job)
    second = export_services.build_export(late)

    storage = first.file.storage
    folder, _name = first.file.name.rsplit("/", 1)
    assert second.file.name == first.file.name
    assert storage.listdir(folder)[1] == [first.file.name.rsplit("/", 1)[1]]
    assert ExportJob.objects.get(pk=job.pk).finished_at == first.finished_at


def test_a_run_delivered_again_never_moves_the_progress_back(world, media_in_memory, monkeypatch):
    job = ExportJob.objects.create(
        review=world.review, requested_by=world.focal_point, format="docx", language="en", status=ExportStatus.RUNNING
    )
    ExportJob.objects.filter(pk=job.pk).update(progress=60)  # where the killed run had reached
    shown = []
    real_gather = export_services.gather

    def gather(*args, progress, **kwargs):
        def noted(percent):
            progress(percent)
            shown.append(ExportJob.objects.get(pk=job.pk).progress)

        return real_gather(*args, progress=noted, **kwargs)

    monkeypatch.setattr(export_services, "gather", gather)

    export_services.build_export(ExportJob.objects.get(pk=job.pk))

    assert shown
    assert min(shown) == 60
    assert ExportJob.objects.get(pk=job.pk).progress == 100
