"""Evidence files: their type read from their bytes, who may attach, withdraw and download them."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document

from reviews.documents import build_docx, gather
from reviews.enums import AnswerStatus, ParticipantRole, Step
from reviews.file_kinds import detect_kind
from reviews.models import Answer, Evidence
from reviews.services import (
    ReviewError,
    add_evidence,
    clear_answers,
    save_answer,
    withdraw_evidence,
)
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import api_client_as, sign_in_as
from tests.factories.reviews import participant

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def office_zip(content_types: str = "", mimetype: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        if content_types:
            archive.writestr(
                "[Content_Types].xml", f'<Types><Override ContentType="application/vnd.{content_types}"/></Types>'
            )
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


SAMPLES = {
    "pdf": ("law.pdf", PDF),
    "docx": ("law.docx", office_zip("openxmlformats-officedocument.wordprocessingml.document.main+xml")),
    "xlsx": ("table.xlsx", office_zip("openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
    "odt": ("law.odt", office_zip(mimetype="application/vnd.oasis.opendocument.text")),
    "ods": ("table.ods", office_zip(mimetype="application/vnd.oasis.opendocument.spreadsheet")),
    "doc": ("law.doc", OLE + "WordDocument".encode("utf-16-le")),
    "xls": ("table.xls", OLE + "Workbook".encode("utf-16-le")),
    "png": ("scan.png", PNG),
    "jpeg": ("scan.jpg", JPEG),
    "txt": ("note.txt", "Article 5 — texte intégral".encode()),
}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Evidence goes to a real disk, a temporary one, so a test can see what is left there."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "revmod.core.storage.MediaStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def text_question(world):
    return world.questionnaire.questions.filter(kind="text").order_by("order").first()


def attach(world, user=None, *, name="law.pdf", content=PDF, title="Penal code, art. 5", question=None):
    return add_evidence(
        world.review,
        question or text_question(world),
        upload=upload(name, content),
        title=title,
        language="fr",
        user=user or world.focal_point,
    )


# --- The type, from the bytes -------------------------------------------------------------


@pytest.mark.parametrize("kind", SAMPLES)
def test_detect_kind_reads_each_kind_from_its_bytes(kind):
    _name, content = SAMPLES[kind]

    detected = detect_kind(upload("whatever.bin", content))

    assert detected.key == kind


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x02binary", b"\xff\xfe\x00garbage", b"PK\x03\x04not a zip at all", office_zip("something.else+xml")],
)
def test_detect_kind_knows_nothing_of_unknown_bytes(content):
    assert detect_kind(upload("x.pdf", content)) is None


@pytest.mark.parametrize("kind", SAMPLES)
def test_add_evidence_stores_each_kind_under_a_token_with_its_digest(world, media_in_tmp, kind):
    name, content = SAMPLES[kind]

    evidence = attach(world, name=name, content=content)

    assert (evidence.size, evidence.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert evidence.file.name == f"evidence/{world.review.pk}/{evidence.token}{evidence.extension}"
    assert name.split(".")[0] not in evidence.file.name
    assert (media_in_tmp / evidence.file.name).read_bytes() == content


def test_add_evidence_refuses_a_spoofed_extension_and_stores_nothing(world, media_in_tmp):
    with pytest.raises(ReviewError) as refused:
        attach(world, name="law.pdf", content=SAMPLES["docx"][1])

    assert str(refused.value) == (
        "The file's name ends in “.pdf” but its content is of another kind (Word document): "
        "give it the right name (.docx) or choose another file."
    )
    assert (Evidence.objects.count(), Answer.objects.count(), stored_files(media_in_tmp)) == (0, 0, [])


def test_add_evidence_refuses_an_executable_named_pdf(world, media_in_tmp):
    with pytest.raises(ReviewError) as refused:
        attach(world, name="law.pdf", content=b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")

    assert str(refused.value).startswith("This type of file cannot be attached. These can: PDF document, ")
    assert (Evidence.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_add_evidence_refuses_an_empty_file(world, media_in_tmp):
    with pytest.raises(ReviewError) as refused:
        attach(world, content=b"")

    assert str(refused.value) == "The file is empty."
    assert (Evidence.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_add_evidence_refuses_a_file_over_the_limit(world, media_in_tmp, settings):
    settings.EVIDENCE_MAX_BYTES = 1000

    with pytest.raises(ReviewError) as refused:
        attach(world, content=PDF + b" " * 1000)

    assert str(refused.value) == "The file is larger than 1000\xa0bytes, the most an evidence file may be."
    assert (Evidence.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_add_evidence_refuses_a_kind_the_settings_do_not_allow(world, settings):
    settings.EVIDENCE_ALLOWED_TYPES = ["pdf"]

    with pytest.raises(ReviewError) as refused:
        attach(world, name="scan.png", content=PNG)

    assert str(refused.value) == "This type of file cannot be attached. These can: PDF document."


def test_add_evidence_leaves_no_file_when_the_database_refuses(world, media_in_tmp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Evidence, "save", broken)

    with pytest.raises(RuntimeError):
        attach(world)

    assert stored_files(media_in_tmp) == []


def disk_full_after(monkeypatch, written: int) -> None:
    """The disk of MEDIA_ROOT fills up once ``written`` bytes of a file are on it."""
    real_fdopen = os.fdopen

    class Filling:
        def __init__(self, handle):
            self.handle, self.left = handle, written

        def write(self, chunk):
            if len(chunk) > self.left:
                self.handle.write(chunk[: self.left])
                self.handle.flush()
                raise OSError(errno.ENOSPC, "No space left on device")
            self.left -= len(chunk)
            return self.handle.write(chunk)

        def close(self):
            self.handle.close()

    monkeypatch.setattr(filesystem.os, "fdopen", lambda fd, mode: Filling(real_fdopen(fd, mode)))


def test_a_full_disk_refuses_the_file_clearly_leaves_no_part_of_it_and_keeps_the_answer(
    world, media_in_tmp, monkeypatch
):
    question = text_question(world)
    save_answer(world.review, question, value="See the penal code", base_revision=0, user=world.focal_point)
    before = Answer.objects.get(review=world.review, question=question)
    disk_full_after(monkeypatch, written=20)

    with translation.override("fr"), pytest.raises(ReviewError) as refused:
        attach(world, question=question)

    assert "plus de place" in str(refused.value)
    assert stored_files(media_in_tmp) == []  # not even the 20 bytes written before the disk filled
    assert Evidence.objects.count() == 0
    after = Answer.objects.get(review=world.review, question=question)
    assert (after.value, after.revision, after.status) == (before.value, before.revision, before.status)


@pytest.mark.parametrize(("title", "language"), [("  ", "fr"), ("Code", "xx")])
def test_add_evidence_needs_a_title_and_a_language(world, title, language):
    with pytest.raises(ReviewError):
        add_evidence(
            world.review,
            text_question(world),
            upload=upload("law.pdf", PDF),
            title=title,
            language=language,
            user=world.focal_point,
        )

    assert Evidence.objects.count() == 0


# --- Adding and withdrawing ----------------------------------------------------------------


def test_add_evidence_creates_the_answer_and_records_it(world):
    evidence = attach(world, world.contributor)

    answer = Answer.objects.get(review=world.review, question=text_question(world))
    entry = AuditEntry.objects.get(action=AuditAction.EVIDENCE_ADDED)
    assert (evidence.answer, answer.status, evidence.added_by) == (answer, AnswerStatus.DRAFTED, world.contributor)
    assert (entry.actor, entry.review_id, entry.data["sha256"]) == (world.contributor, world.review.pk, evidence.sha256)


def test_add_evidence_sends_a_cleared_answer_back_to_drafted(world):
    question = text_question(world)
    save_answer(world.review, question, value="See the code", base_revision=0, user=world.expert)
    clear_answers(world.review, [question], user=world.focal_point)

    evidence = attach(world, world.expert)

    answer = Answer.objects.get(pk=evidence.answer_id)
    assert (answer.status, evidence.answer.clearance_withdrawn) == (AnswerStatus.DRAFTED, True)


def test_withdraw_evidence_keeps_the_file_and_sends_a_cleared_answer_back(world, media_in_tmp):
    question = text_question(world)
    save_answer(world.review, question, value="See the code", base_revision=0, user=world.expert)
    evidence = attach(world, world.expert)
    clear_answers(world.review, [question], user=world.focal_point)

    withdrawn = withdraw_evidence(evidence, user=world.contributor)

    evidence.refresh_from_db()
    assert (evidence.removed_by, evidence.is_removed, withdrawn.answer.clearance_withdrawn) == (
        world.contributor,
        True,
        True,
    )
    assert Answer.objects.get(pk=evidence.answer_id).status == AnswerStatus.DRAFTED
    assert AuditEntry.objects.filter(action=AuditAction.EVIDENCE_REMOVED, actor=world.contributor).count() == 1
    assert (media_in_tmp / evidence.file.name).exists()


def test_withdrawing_the_only_evidence_of_an_empty_answer_leaves_it_not_started(world):
    evidence = attach(world)

    withdraw_evidence(evidence, user=world.focal_point)

    assert Answer.objects.get(pk=evidence.answer_id).status == AnswerStatus.NOT_STARTED


def test_withdraw_evidence_twice_is_refused(world):
    evidence = attach(world)
    withdraw_evidence(evidence, user=world.focal_point)

    with pytest.raises(ReviewError):
        withdraw_evidence(evidence, user=world.focal_point)

    assert AuditEntry.objects.filter(action=AuditAction.EVIDENCE_REMOVED).count() == 1


@pytest.mark.parametrize("person", ["observer", "reviewing_expert", "stranger", "other_contributor", "nobody"])
def test_add_evidence_is_refused_to_those_who_may_not_answer(world, person):
    with pytest.raises(ReviewError):
        attach(world, getattr(world, person))

    assert Evidence.objects.count() == 0


# --- The pages -------------------------------------------------------------------------------


def section_url(world, question) -> str:
    return reverse(
        "reviews:answer_section",
        kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk, "section": question.section.order},
    )


def read_url(world) -> str:
    return reverse("reviews:questionnaire", kwargs={"pk": world.review.pk, "questionnaire_pk": world.questionnaire.pk})


def upload_post(question, *, name="law.pdf", content=PDF, title="Penal code", language="fr") -> dict:
    prefix = f"evidence-{question.pk}"
    return {f"{prefix}-title": title, f"{prefix}-language": language, f"{prefix}-file": upload(name, content)}


def test_upload_from_the_section_page_redirects_back_with_a_message(client, world):
    question = text_question(world)
    client.force_login(world.contributor)

    response = client.post(
        reverse("reviews:evidence_add", kwargs={"pk": world.review.pk, "question_pk": question.pk}),
        upload_post(question),
        follow=True,
    )

    evidence = Evidence.objects.get()
    assert response.redirect_chain == [(section_url(world, question) + f"#evidence-{question.pk}", 302)]
    assert "The evidence file “Penal code” is attached." in response.content.decode()
    assert f'href="/en/reviews/{world.review.pk}/evidence/{evidence.pk}/download/"' in response.content.decode()


def test_upload_saves_the_answers_the_section_form_posted_with_it(client, world):
    question = text_question(world)
    client.force_login(world.expert)

    client.post(
        reverse("reviews:evidence_add", kwargs={"pk": world.review.pk, "question_pk": question.pk}),
        {f"q{question.pk}": "Typed before attaching", f"q{question.pk}-rev": "0", **upload_post(question)},
    )

    answer = Answer.objects.get(question=question)
    assert (answer.value, answer.evidence.count()) == ("Typed before attaching", 1)


def test_a_refused_upload_shows_the_section_again_in_the_users_language_with_what_was_typed(client, world):
    question = text_question(world)
    world.contributor.language = "fr"
    world.contributor.save()
    client.force_login(world.contributor)

    response = client.post(
        f"/fr/reviews/{world.review.pk}/answers/{question.pk}/evidence/",
        upload_post(question, name="law.pdf", content=b"", title="Code pénal, article 5"),
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Code pénal, article 5"' in body
    assert Evidence.objects.count() == 0
    assert 'class="errorlist" role="alert"' in body


def test_withdraw_from_the_section_page(client, world):
    evidence = attach(world)
    client.force_login(world.expert)

    response = client.post(
        reverse("reviews:evidence_withdraw", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk}), follow=True
    )

    evidence.refresh_from_db()
    assert evidence.is_removed
    assert "The evidence file “Penal code, art. 5” is withdrawn." in response.content.decode()


def test_read_page_shows_new_evidence_at_once(client, world):
    question = text_question(world)
    save_answer(world.review, question, value="See the code", base_revision=0, user=world.expert)
    client.force_login(world.focal_point)
    assert "Penal code, art. 5" not in client.get(read_url(world)).content.decode()  # now cached

    evidence = attach(world)
    shown = client.get(read_url(world)).content.decode()
    withdraw_evidence(evidence, user=world.focal_point)
    gone = client.get(read_url(world)).content.decode()

    assert ("Penal code, art. 5" in shown, "Penal code, art. 5" in gone) == (True, False)


def test_history_lists_evidence_events_among_the_revisions(client, world):
    question = text_question(world)
    save_answer(world.review, question, value="First", base_revision=0, user=world.expert)
    evidence = attach(world, world.contributor)
    save_answer(world.review, question, value="Second", base_revision=1, user=world.expert)
    withdraw_evidence(evidence, user=world.focal_point)
    client.force_login(world.focal_point)

    body = client.get(
        reverse("reviews:answer_history", kwargs={"pk": world.review.pk, "question_pk": question.pk})
    ).content.decode()

    positions = [
        body.index(text)
        for text in (
            "Evidence file “Penal code, art. 5” withdrawn by",
            "Revision 2 by",
            "Evidence file “Penal code, art. 5” attached by",
            "Revision 1 by",
        )
    ]
    assert positions == sorted(positions)
    assert f"/evidence/{evidence.pk}/download/" in body


@pytest.mark.parametrize("files", [1, 5])
def test_section_page_query_count_does_not_grow_with_evidence(client, world, django_assert_num_queries, files):
    first = text_question(world)
    questions = list(world.questionnaire.questions.filter(section=first.section).order_by("order"))
    for index in range(files):
        attach(world, question=questions[index % len(questions)], title=f"Law {index}")
    client.force_login(world.expert)
    url = section_url(world, questions[0])
    client.get(url)

    with django_assert_num_queries(11):
        body = client.get(url).content.decode()

    assert body.count("/download/") == files


@pytest.mark.parametrize("files", [1, 5])
def test_read_page_query_count_does_not_grow_with_evidence(client, world, django_assert_num_queries, files):
    question = text_question(world)
    for index in range(files):
        attach(world, question=question, title=f"Law {index}")
    client.force_login(world.expert)
    client.get(read_url(world))
    cache.clear()

    with django_assert_num_queries(14):
        body = client.get(read_url(world)).content.decode()

    assert body.count("/download/") == files


# --- Who may do what -------------------------------------------------------------------------

PEOPLE = (
    "secretariat",
    "focal_point",
    "expert",
    "contributor",
    "national_observer",
    "other_contributor",
    "observer",
    "reviewing_expert",
    "stranger",
    "nobody",
    "anonymous",
)

# Status codes for each of PEOPLE while the questionnaire is being drafted, then after submission.
DRAFTING = {
    "upload": (302, 302, 302, 302, 403, 404, 404, 404, 404, 404, 302),
    "withdraw": (302, 302, 302, 302, 403, 404, 404, 404, 404, 404, 302),
    "download": (200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 302),
}
SUBMITTED = {
    "upload": (403, 403, 403, 403, 403, 404, 403, 403, 404, 404, 302),
    "withdraw": (403, 403, 403, 403, 403, 404, 403, 403, 404, 404, 302),
    "download": (200, 200, 200, 200, 200, 404, 200, 200, 404, 404, 302),
}


def attempt(client, world, person: str, action: str) -> int:
    if person == "national_observer":
        client.logout()
        client.force_login(participant(world.review, iso3="FRA", role=ParticipantRole.OBSERVER))
    else:
        sign_in_as(client, world, person)
    question = text_question(world)
    evidence = attach(world, world.secretariat) if world.review.step == Step.SAQ_DRAFTING else world.evidence
    if action == "upload":
        url = reverse("reviews:evidence_add", kwargs={"pk": world.review.pk, "question_pk": question.pk})
        return client.post(url, upload_post(question)).status_code
    if action == "withdraw":
        url = reverse("reviews:evidence_withdraw", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk})
        return client.post(url).status_code
    url = reverse("reviews:evidence_download", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk})
    response = client.get(url)
    if response.streaming:
        # Reading the stream to its end closes the file through the test client, which (unlike
        # response.close()) keeps the test's database connection open.
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("action", DRAFTING)
def test_permission_table_while_drafting(client, world, action):
    actual = tuple(attempt(client, world, person, action) for person in PEOPLE)

    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, DRAFTING[action], strict=True))


@pytest.mark.parametrize("action", SUBMITTED)
def test_permission_table_after_submission(client, world, action):
    world.evidence = attach(world, world.secretariat)
    world.review.step = Step.FEEDBACK
    world.review.submitted_at = timezone.now()
    world.review.save(update_fields=["step", "submitted_at"])

    actual = tuple(attempt(client, world, person, action) for person in PEOPLE)

    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, SUBMITTED[action], strict=True))
    assert Evidence.objects.filter(removed_at__isnull=True).count() == 1


def test_download_sends_the_file_as_an_attachment_of_its_detected_type(client, world):
    evidence = attach(world, name="law.pdf", content=PDF, title="Código penal")
    client.force_login(world.contributor)

    response = client.get(
        reverse("reviews:evidence_download", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk})
    )

    content = b"".join(response.streaming_content)  # read to the end: the test client closes the file
    assert response.status_code == 200
    assert content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert "C%C3%B3digo%20penal.pdf" in response["Content-Disposition"]


def test_a_withdrawn_file_stays_downloadable_from_the_history(client, world):
    evidence = attach(world)
    withdraw_evidence(evidence, user=world.focal_point)
    client.force_login(world.expert)

    response = client.get(
        reverse("reviews:evidence_download", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk})
    )
    b"".join(response.streaming_content)

    assert response.status_code == 200


def test_download_of_another_reviews_evidence_through_this_review_is_404(client, world):
    other_question = world.other_review.questionnaires.get().questions.filter(kind="text").first()
    world.other_review.step = Step.SAQ_DRAFTING
    world.other_review.save(update_fields=["step"])
    evidence = add_evidence(
        world.other_review,
        other_question,
        upload=upload("law.pdf", PDF),
        title="Egyptian law",
        language="ar",
        user=world.stranger,
    )
    client.force_login(world.focal_point)

    response = client.get(
        reverse("reviews:evidence_download", kwargs={"pk": world.review.pk, "evidence_pk": evidence.pk})
    )

    assert response.status_code == 404


# --- Beyond the page: documents and the API -----------------------------------------------------


def test_documents_list_each_answers_current_evidence(world):
    question = text_question(world)
    save_answer(world.review, question, value="See the code", base_revision=0, user=world.expert)
    kept = attach(world, title="Code pénal")
    withdraw_evidence(attach(world, title="Old draft law"), user=world.focal_point)

    document = gather(world.review, reader=world.focal_point, include_threads=False, progress=lambda percent: None)
    word = Document(io.BytesIO(build_docx(document, language="en", progress=lambda percent: None)))
    html = render_to_string("reviews/exports/review.html", {"doc": document, "language": "en", "bidi": False})

    line = f"Code pénal · French · PDF document · {len(PDF)}\xa0bytes · SHA-256 {kept.sha256[:12]}"
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[texts.index("See the code") + 1 : texts.index("See the code") + 3] == ["Evidence files:", f"• {line}"]
    assert "Old draft law" not in " ".join(texts)
    assert f'<li dir="auto">{line}</li>' in html
    assert "Old draft law" not in html


@pytest.mark.parametrize("files", [1, 5])
def test_documents_gather_evidence_in_the_same_queries_for_1_and_5_files(world, django_assert_num_queries, files):
    questions = list(world.questionnaire.questions.order_by("order"))
    for index in range(files):
        attach(world, question=questions[index], title=f"Law {index}")

    with django_assert_num_queries(9):
        document = gather(world.review, reader=world.focal_point, include_threads=False, progress=lambda p: None)

    listed = [
        line
        for view in document.questionnaires
        for section in view.sections
        for question in section.questions
        for line in question.evidence_lines
    ]
    assert len(listed) == files


@pytest.mark.parametrize("files", [1, 5])
def test_api_answers_carry_their_current_evidence(world, django_assert_num_queries, files):
    questions = list(world.questionnaire.questions.order_by("order"))
    for index in range(files):
        attach(world, question=questions[index], title=f"Law {index}")
    withdraw_evidence(attach(world, question=questions[0], title="Withdrawn"), user=world.focal_point)
    client = api_client_as(world, "contributor")
    url = f"/api/v1/reviews/{world.review.pk}/answers/"
    client.get(url)

    # The answers' technical-assistance needs take one query of their own (4 before the API carried them).
    with django_assert_num_queries(5):
        rows = client.get(url).json()["results"]

    first = rows[0]["evidence"][0]
    evidence = Evidence.objects.get(title="Law 0")
    assert sum(len(row["evidence"]) for row in rows) == files
    assert first == {
        "id": evidence.pk,
        "title": "Law 0",
        "language": "fr",
        "content_type": "application/pdf",
        "size": len(PDF),
        "sha256": evidence.sha256,
        "added_at": first["added_at"],
        "download": f"http://testserver/en/reviews/{world.review.pk}/evidence/{evidence.pk}/download/",
    }
