"""Answering offline: the XLSX and DOCX round trip, conflicts, bad files, and who may do it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from openpyxl import Workbook, load_workbook

from coordination.models import Assignment
from coordination.offline.values import answer_for_text, answer_from_file
from coordination.services import offline as offline_services
from devdata.offline_bench import time_offline_import
from reviews.enums import ParticipantRole
from reviews.models import Answer
from reviews.services import ReviewError, save_answer
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as
from tests.factories.reviews import participant, published_questionnaire, review

pytestmark = pytest.mark.django_db


def question(world, number: str):
    return world.questionnaire.questions.get(number=number)


def answer_of(world, number: str) -> Answer | None:
    return Answer.objects.filter(review=world.review, question__number=number).first()


def url(world, name: str, country_review=None) -> str:
    country_review = country_review or world.review
    if name == "offline":
        return reverse("coordination:offline", kwargs={"pk": country_review.pk})
    return reverse(f"coordination:{name}", kwargs={"pk": country_review.pk, "questionnaire_pk": world.questionnaire.pk})


def download(client, world, file_format: str, *, part: str = "all", country_review=None) -> bytes:
    response = client.get(url(world, "offline_download", country_review), {"format": file_format, "part": part})
    assert response.status_code == 200
    return response.content


def edit_workbook(content: bytes, answers: dict[str, object]) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in answers:
            row[6].value = answers[row[2].value]
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def workbook_rows(content: bytes) -> dict[str, tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}


def edit_document(content: bytes, answers: dict[str, str]) -> bytes:
    word = Document(io.BytesIO(content))
    for table in word.tables[1:]:
        number = table.cell(1, 0).text
        if number in answers:
            table.cell(3, 1).text = answers[number]
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def upload(client, world, content: bytes, name: str = "answers.xlsx"):
    return client.post(url(world, "offline_upload"), {"file": SimpleUploadedFile(name, content)})


def token_of(client, world) -> str:
    return client.session[f"coordination.offline_upload.{world.review.pk}.{world.questionnaire.pk}"]["token"]


def confirm(client, world, **choices):
    data = {"token": token_of(client, world)} | {
        f"resolve-{question(world, number.replace('_', '.')).pk}": choice for number, choice in choices.items()
    }
    return client.post(url(world, "offline_confirm"), data)


def test_xlsx_round_trip_applies_the_changes_and_records_the_import(client, world):
    save_answer(world.review, question(world, "2"), value="Old text of the law", base_revision=0, user=world.expert)
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    edited = edit_workbook(
        content,
        {"1": "Yes", "2": "New text of the law", "3": "Partly", "4": "Fully; Not", "5": 42, "6": dt.date(2024, 5, 1)},
    )

    response = upload(client, world, edited)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<del>Old</del>" in page
    assert "<ins>New</ins>" in page
    response = confirm(client, world)

    assert response.status_code == 302
    values = {number: (answer_of(world, number).value, answer_of(world, number).revision) for number in "123456"}
    assert values == {
        "1": ("yes", 1),
        "2": ("New text of the law", 2),
        "3": ("partly", 1),
        "4": (["fully", "not"], 1),
        "5": (42, 1),
        "6": ("2024-05-01", 1),
    }
    entry = AuditEntry.objects.get(action=AuditAction.ANSWERS_IMPORTED)
    assert (entry.actor, entry.review_id, entry.data["changed"], entry.data["format"]) == (
        world.focal_point,
        world.review.pk,
        6,
        "xlsx",
    )


def test_xlsx_carries_answers_revisions_options_and_the_hidden_stamp(client, world):
    save_answer(world.review, question(world, "3"), value="partly", base_revision=0, user=world.expert)
    client.force_login(world.focal_point)

    content = download(client, world, "xlsx")

    rows = workbook_rows(content)
    assert rows["3"] == (
        question(world, "3").pk,
        1,
        "3",
        "Question 3 (One choice)",
        "One choice",
        "Fully; Partly; Not",
        "Partly",
    )
    workbook = load_workbook(io.BytesIO(content))
    meta = workbook["revmod"]
    assert (meta.sheet_state, meta["B2"].value, meta["B3"].value, meta["B5"].value) == (
        "veryHidden",
        world.review.pk,
        world.questionnaire.pk,
        "en",
    )
    sheet = workbook.worksheets[0]
    assert (sheet.column_dimensions["A"].hidden, sheet.column_dimensions["B"].hidden) == (True, True)
    assert len(sheet.data_validations.dataValidation) == 2  # yes/no for every yes/no question, one single choice


def test_docx_round_trip_applies_the_changes(client, world):
    client.force_login(world.contributor)
    content = download(client, world, "docx")
    edited = edit_document(
        content,
        {"2": "Written in Word", "5": "1 234,5", "7": "Criminal Code · Art. 12 · https://example.org/code\nLaw 2"},
    )

    upload(client, world, edited, "answers.docx")
    response = confirm(client, world)

    assert response.status_code == 302
    assert answer_of(world, "2").value == "Written in Word"
    assert answer_of(world, "5").value == 1234.5
    assert answer_of(world, "7").value == [
        {"title": "Criminal Code", "provision": "Art. 12", "url": "https://example.org/code"},
        {"title": "Law 2", "provision": "", "url": ""},
    ]
    assert answer_of(world, "2").updated_by == world.contributor


def test_docx_marks_each_question_with_its_number_and_revision(client, world):
    save_answer(world.review, question(world, "2"), value="Online", base_revision=0, user=world.expert)
    client.force_login(world.focal_point)

    word = Document(io.BytesIO(download(client, world, "docx")))

    assert (
        word.tables[0]
        .cell(0, 0)
        .text.startswith(
            f"[revmod-answers/1 review={world.review.pk} questionnaire={world.questionnaire.pk} language=en part=all]"
        )
    )
    second = next(table for table in word.tables[1:] if table.cell(1, 0).text == "2")
    assert (second.cell(0, 0).text.split("]")[0], second.cell(3, 1).text) == ("[Q 2 · rev 1", "Online")


def test_conflicts_are_resolved_question_by_question(client, world):
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    for number in ("2", "7"):
        value = "Changed online" if number == "2" else [{"title": "Online law"}]
        save_answer(world.review, question(world, number), value=value, base_revision=0, user=world.expert)
    upload(client, world, edit_workbook(content, {"2": "Changed in the file", "7": "File law"}))

    page = client.get(url(world, "offline_preview")).content.decode()
    unresolved = confirm(client, world, **{"2": "file"})
    resolved = confirm(client, world, **{"2": "file", "7": "platform"})

    assert "Changed online" in page
    assert "Changed in the file" in page
    assert unresolved.status_code == 409
    assert "Choose which version to keep for questions 7." in unresolved.content.decode()
    assert resolved.status_code == 302
    assert (answer_of(world, "2").value, answer_of(world, "2").revision) == ("Changed in the file", 2)
    assert (answer_of(world, "7").value, answer_of(world, "7").revision) == (
        [{"title": "Online law", "provision": "", "url": ""}],
        1,
    )
    entry = AuditEntry.objects.get(action=AuditAction.ANSWERS_IMPORTED)
    assert (entry.data["conflicts_taken_from_file"], entry.data["conflicts_kept_online"]) == (1, 1)


def test_a_question_left_alone_in_the_file_keeps_what_was_saved_online_since(client, world):
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    save_answer(
        world.review, question(world, "2"), value="Saved online after the download", base_revision=0, user=world.expert
    )
    upload(client, world, edit_workbook(content, {"3": "Fully"}))

    response = confirm(client, world)

    assert response.status_code == 302
    assert answer_of(world, "2").value == "Saved online after the download"
    assert answer_of(world, "3").value == "fully"


def test_invalid_values_are_reported_with_their_place_and_nothing_applies(client, world):
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    edited = edit_workbook(content, {"1": "Perhaps", "2": "Fine text", "3": "Maybe", "6": "next spring"})

    upload(client, world, edited)
    page = client.get(url(world, "offline_preview")).content.decode()
    response = confirm(client, world)

    rows = {number: index for index, number in enumerate(workbook_rows(content), start=2)}
    assert f"sheet “Answers”, row {rows['1']}, question 1: Answer “Yes” or “No”." in page
    assert (
        f"sheet “Answers”, row {rows['3']}, question 3: “Maybe” is not one of the options (Fully; Partly; Not)." in page
    )
    assert f"sheet “Answers”, row {rows['6']}, question 6: Enter a date as YYYY-MM-DD." in page
    assert "Apply these answers" not in page
    assert response.status_code == 302
    assert Answer.objects.filter(review=world.review).count() == 0


def test_a_damaged_hidden_stamp_is_reported_by_row(client, world):
    client.force_login(world.focal_point)
    workbook = load_workbook(io.BytesIO(download(client, world, "xlsx")))
    workbook.worksheets[0]["A3"] = None
    output = io.BytesIO()
    workbook.save(output)

    upload(client, world, output.getvalue())
    page = client.get(url(world, "offline_preview")).content.decode()

    assert (
        "sheet “Answers”, row 3, question 1.1: the hidden columns A and B that name the question are empty or changed."
        in page
    )


def test_a_file_of_another_review_is_refused_whole(client, world):
    client.force_login(world.stranger)
    egypt_file = download(client, world, "xlsx", country_review=world.other_review)
    client.force_login(world.focal_point)

    response = upload(client, world, edit_workbook(egypt_file, {"2": "Egypt's answer"}))

    assert response.status_code == 400
    assert "This file belongs to another review" in response.content.decode()
    assert f"coordination.offline_upload.{world.review.pk}.{world.questionnaire.pk}" not in client.session
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip at all", "answers.xlsx", "neither an Excel workbook"),
        (b"PK\x03\x04 broken", "answers.docx", "neither an Excel workbook"),
    ],
)
def test_a_file_that_is_not_an_office_file_is_refused(client, world, content, name, message):
    client.force_login(world.focal_point)

    response = upload(client, world, content, name)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_workbook_not_made_here_is_refused(client, world):
    workbook = Workbook()
    workbook.active.append(["anything"])
    output = io.BytesIO()
    workbook.save(output)
    client.force_login(world.focal_point)

    response = upload(client, world, output.getvalue())

    assert response.status_code == 400
    assert "not downloaded from this platform" in response.content.decode()


def test_a_change_online_between_preview_and_confirm_applies_nothing_and_shows_the_preview_again(client, world):
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    upload(client, world, edit_workbook(content, {"2": "From the file", "3": "Fully"}))
    client.get(url(world, "offline_preview"))
    save_answer(world.review, question(world, "2"), value="Meanwhile online", base_revision=0, user=world.expert)

    response = confirm(client, world)

    assert response.status_code == 409
    assert "Some answers changed on the platform since you saw this page" in response.content.decode()
    assert f'name="resolve-{question(world, "2").pk}"' in response.content.decode()
    assert answer_of(world, "3") is None
    assert answer_of(world, "2").value == "Meanwhile online"


def test_one_refused_save_undoes_every_other(client, world, monkeypatch):
    client.force_login(world.focal_point)
    upload(client, world, edit_workbook(download(client, world, "xlsx"), {"2": "First", "3": "Fully", "5": 7}))
    client.get(url(world, "offline_preview"))
    calls = []

    def failing_on_the_second(*args, **kwargs):
        calls.append(args[1].number)
        if len(calls) == 2:
            raise ReviewError("The database refused it.")
        return save_answer(*args, **kwargs)

    monkeypatch.setattr(offline_services, "save_answer", failing_on_the_second)

    response = confirm(client, world)

    assert response.status_code == 302
    assert len(calls) == 2
    assert Answer.objects.filter(review=world.review).exclude(value=None).count() == 0
    assert not AuditEntry.objects.filter(action=AuditAction.ANSWERS_IMPORTED).exists()


def test_only_the_assigned_questions_can_be_downloaded(client, world):
    section = world.questionnaire.sections.order_by("order").last()
    Assignment.objects.create(
        review=world.review, section=section, assignee=world.contributor, assigned_by=world.focal_point
    )
    client.force_login(world.contributor)

    rows = workbook_rows(download(client, world, "xlsx", part="mine"))

    assert sorted(rows) == sorted(q.number for q in world.questionnaire.questions.filter(section=section))


PEOPLE = (
    "secretariat", "focal_point", "expert", "contributor", "reviewed_observer", "observer", "reviewing_expert",
    "other_contributor", "stranger", "anonymous",
)  # fmt: skip
# page, download, upload: what each of PEOPLE gets while the questionnaire is drafted.
EXPECTED = {
    "secretariat": (200, 200, 302),
    "focal_point": (200, 200, 302),
    "expert": (200, 200, 302),
    "contributor": (200, 200, 302),
    "reviewed_observer": (200, 200, 403),
    "observer": (404, 404, 404),  # the reviewing side's observer
    "reviewing_expert": (404, 404, 404),
    "other_contributor": (404, 404, 404),
    "stranger": (404, 404, 404),
    "anonymous": (302, 302, 302),
}


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_download_and_upload(client, world, person):
    world.reviewed_observer = participant(world.review, iso3="FRA", role=ParticipantRole.OBSERVER)
    client.force_login(world.focal_point)
    content = download(client, world, "xlsx")
    sign_in_as(client, world, person)

    statuses = (
        client.get(url(world, "offline")).status_code,
        client.get(url(world, "offline_download"), {"format": "docx", "part": "all"}).status_code,
        upload(client, world, content).status_code,
    )

    assert statuses == EXPECTED[person]
    if person == "anonymous":
        assert client.get(url(world, "offline"))["Location"].startswith(reverse("accounts:login"))


def test_the_preview_and_confirm_of_someone_who_may_not_answer_are_refused(client, world):
    reader = participant(world.review, iso3="FRA", role=ParticipantRole.OBSERVER)
    client.force_login(reader)

    assert client.get(url(world, "offline_preview")).status_code == 403
    assert client.post(url(world, "offline_confirm"), {"token": "x"}).status_code == 403


def test_the_offline_page_offers_both_formats_and_the_upload(client, world):
    client.force_login(world.contributor)

    page = client.get(url(world, "offline")).content.decode()

    assert 'name="format" value="xlsx"' in page
    assert 'name="format" value="docx"' in page
    assert 'type="file"' in page
    assert f'<label for="id_{world.questionnaire.pk}_file">' in page


def test_the_download_costs_the_same_queries_at_10_and_30_questions(client, django_assert_num_queries):
    readers = []
    for size in (10, 30):
        questionnaire = published_questionnaire(questions=size, sections=2)
        country_review = review(of="FRA" if size == 10 else "ITA", same_region="DEU", questionnaire=questionnaire)
        readers.append(
            (
                country_review,
                questionnaire,
                participant(country_review, iso3=country_review.state.iso3, role=ParticipantRole.FOCAL_POINT),
            )
        )
    for country_review, questionnaire, focal_point in readers:
        client.force_login(focal_point)
        client.get(reverse("coordination:offline", kwargs={"pk": country_review.pk}))  # the session's first request
        for file_format in ("xlsx", "docx"):
            path = reverse(
                "coordination:offline_download", kwargs={"pk": country_review.pk, "questionnaire_pk": questionnaire.pk}
            )
            with django_assert_num_queries(10):
                response = client.get(path, {"format": file_format, "part": "mine"})
            assert response.status_code == 200


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("1", "yes"),
        ("2", "Line one\nLine two"),
        ("3", "not"),
        ("4", ["fully", "partly"]),
        ("5", 12.5),
        ("6", "2025-01-31"),
        ("7", [{"title": "Penal Code", "provision": "Art. 3", "url": "https://example.org/"}]),
    ],
)
def test_every_kind_of_answer_reads_back_as_it_was_written(world, number, value):
    item = world.questionnaire.questions.prefetch_related("choices").get(number=number)

    assert answer_from_file(item, answer_for_text(item, value), language="en") == value


def test_labels_are_read_in_the_file_language(world):
    item = world.questionnaire.questions.prefetch_related("choices").get(number="1")

    assert answer_from_file(item, "Oui", language="fr") == "yes"


def test_importing_a_filled_workbook_of_300_questions_is_timed_and_rolled_back(world):
    questionnaire = published_questionnaire(questions=300, sections=10)
    country_review = review(of="ITA", questionnaire=questionnaire)

    row = time_offline_import(country_review, questionnaire, user=world.secretariat)

    print(f"\noffline import: {row}")
    assert (row["questions"], row["errors"]) == (questionnaire.questions.count(), 0)
    assert row["changed"] == questionnaire.questions.filter(kind__in=["text", "yes_no", "number"]).count()
    assert Answer.objects.filter(review=country_review).count() == 0


def test_a_file_downloaded_in_arabic_reads_back_its_arabic_labels(client, world):
    client.force_login(world.focal_point)
    path = url(world, "offline_download").replace("/en/", "/ar/", 1)
    content = client.get(path, {"format": "xlsx", "part": "all"}).content
    with translation.override("ar"):
        yes, partly = gettext("Yes"), str(question(world, "3").choices.get(key="partly").label)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]

    upload(client, world, edit_workbook(content, {"1": yes, "3": partly}))
    response = confirm(client, world)

    assert (sheet.sheet_view.rightToLeft, yes != "Yes") == (True, True)
    assert response.status_code == 302
    assert (answer_of(world, "1").value, answer_of(world, "3").value) == ("yes", "partly")
