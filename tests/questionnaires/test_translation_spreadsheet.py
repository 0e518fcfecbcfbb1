"""The translations spreadsheet: download, upload, preview, confirm; bad cells named by row and column."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from reviews.models import Choice, Question, Questionnaire, Section
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.clients import sign_in_as as login
from tests.questionnaires.conftest import PEOPLE

pytestmark = pytest.mark.django_db

HEADER = ["key", "en", "ar", "zh-hans", "fr", "ru", "es", "pt"]


def download(client, questionnaire) -> list[list]:
    response = client.get(reverse("questionnaires:translation_download", args=[questionnaire.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("translations.xlsx", output.getvalue())


def upload(client, questionnaire, file):
    return client.post(reverse("questionnaires:translation_upload", args=[questionnaire.pk]), {"file": file})


def preview(client, questionnaire):
    return client.get(reverse("questionnaires:translation_preview", args=[questionnaire.pk]))


def confirm(client, questionnaire, token: str):
    return client.post(reverse("questionnaires:translation_confirm", args=[questionnaire.pk]), {"token": token})


def row_of(rows: list[list], key: str) -> list:
    return next(row for row in rows if row[0] == key)


def snapshot_texts(questionnaire) -> list:
    questionnaire = Questionnaire.objects.get(pk=questionnaire.pk)
    return [
        (questionnaire.title_fr, questionnaire.title_en, questionnaire.translations_updated),
        list(Section.objects.filter(questionnaire=questionnaire).values_list("title_fr", "translations_updated")),
        list(Question.objects.filter(questionnaire=questionnaire).values_list("text_fr", "text_ar", "text_en")),
        list(Choice.objects.filter(question__questionnaire=questionnaire).values_list("label_fr", "label_en")),
    ]


def test_download_has_one_row_per_text_and_english_first(client, world):
    client.force_login(world.secretariat)

    rows = download(client, world.questionnaire)

    assert rows[0] == HEADER
    assert rows[1][:3] == ["questionnaire:title", world.questionnaire.title_en, "استبيان"]
    assert row_of(rows, "question:1:text")[:5] == ["question:1:text", "Question 1 (Yes or no)", "", "", "Question 1"]
    assert len(rows) == 1 + 2 + 2 + 2 * 10 + 6  # header, questionnaire, sections, questions, choices


def test_round_trip_previews_then_applies_on_confirm(client, world):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "section:1:title")[4] = "Première partie"
    row_of(rows, "question:1.1:text")[2] = "يرجى ذكر التشريع المنطبق."
    row_of(rows, "choice:3:fully:label")[6] = "Totalmente"
    before = snapshot_texts(world.questionnaire)

    uploaded = upload(client, world.questionnaire, xlsx(rows))
    page = preview(client, world.questionnaire)

    assert uploaded.status_code == 302
    assert [
        (row["description"], row["change"].language, row["change"].old, row["change"].new)
        for row in page.context["rows"]
    ] == [
        ("Section 1 · title", "fr", "", "Première partie"),
        ("Question 1.1 · text", "ar", "", "يرجى ذكر التشريع المنطبق."),
        ("Question 3, choice “fully” · label", "es", "", "Totalmente"),
    ]
    assert 'lang="ar" dir="rtl"' in page.content.decode()
    assert snapshot_texts(world.questionnaire) == before  # nothing changes before the confirmation

    response = confirm(client, world.questionnaire, page.context["pending"]["token"])

    assert response.status_code == 302
    assert Section.objects.get(questionnaire=world.questionnaire, order=1).title_fr == "Première partie"
    follow_up = Question.objects.get(questionnaire=world.questionnaire, number="1.1")
    assert (follow_up.text_ar, list(follow_up.translations_updated)) == ("يرجى ذكر التشريع المنطبق.", ["ar"])
    assert Choice.objects.get(
        question__questionnaire=world.questionnaire, question__number="3", key="fully"
    ).label_es == ("Totalmente")
    entry = AuditEntry.objects.get(action=AuditAction.QUESTIONNAIRE_TRANSLATED)
    assert entry.data == {"via": "spreadsheet", "languages": ["ar", "es", "fr"], "texts": 3}
    assert confirm(client, world.questionnaire, page.context["pending"]["token"])["Location"].endswith("/upload/")
    assert AuditEntry.objects.filter(action=AuditAction.QUESTIONNAIRE_TRANSLATED).count() == 1


def test_an_empty_cell_leaves_the_text_as_it_is(client, world):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "question:1:text")[4] = ""

    upload(client, world.questionnaire, xlsx(rows))

    assert preview(client, world.questionnaire).context["rows"] == []


def test_english_column_may_change_on_a_draft(client, world, small_draft):
    client.force_login(world.secretariat)
    rows = download(client, small_draft)
    row_of(rows, "section:1:title")[1] = "Criminalization"
    upload(client, small_draft, xlsx(rows))
    token = preview(client, small_draft).context["pending"]["token"]

    confirm(client, small_draft, token)

    assert small_draft.sections.get().title_en == "Criminalization"


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            lambda rows: rows.append(["question:99:text", "", "", "", "Q 99"]),
            "Row 32, column A: “question:99:text” is not a text of this questionnaire.",
        ),
        (
            lambda rows: row_of(rows, "question:2:text").__setitem__(1, "Another question"),
            "Row 9, column B: English: The English source of a published questionnaire does not change.",
        ),
        (
            lambda rows: row_of(rows, "choice:3:fully:label").__setitem__(4, "x" * 301),
            "Row 13, column E: French: The text is 301 characters long; this field takes at most 300 characters.",
        ),
        (
            lambda rows: rows.append(["section:1:title", "", "", "", "Doublon"]),
            "Row 32, column A: “section:1:title” has a second row.",
        ),
        (lambda rows: rows.append(["", "", "", "", "Sans clé"]), "Row 32, column A: no key."),
        (lambda rows: rows[0].__setitem__(0, "id"), "Row 1, column A: the header must be “key”."),
        (lambda rows: rows[0].__setitem__(1, "fr"), "Row 1, column B: the header must be “en”."),
        (lambda rows: rows[0].__setitem__(4, "de"), "Row 1, column E: “de” is not a language code of the platform."),
        (lambda rows: rows[0].__setitem__(4, "ar"), "Row 1, column E: the language “ar” has a second column."),
    ],
)
def test_bad_cells_are_named_by_row_and_column_and_nothing_can_be_applied(client, world, edit, error):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "section:1:title")[4] = "Première partie"  # a good change beside the bad cell
    edit(rows)
    before = snapshot_texts(world.questionnaire)

    upload(client, world.questionnaire, xlsx(rows))
    page = preview(client, world.questionnaire)
    response = confirm(client, world.questionnaire, page.context["pending"]["token"])

    assert page.context["pending"]["errors"] == [error]
    assert error in page.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    confirm_url = reverse("questionnaires:translation_confirm", args=[world.questionnaire.pk])
    assert confirm_url not in page.content.decode()
    assert response.status_code == 302
    assert snapshot_texts(world.questionnaire) == before


def test_a_file_that_is_not_xlsx_is_refused(client, world):
    client.force_login(world.secretariat)

    renamed = upload(client, world.questionnaire, SimpleUploadedFile("translations.xlsx", b"key,en\nquestion:1:text,x"))
    csv = upload(client, world.questionnaire, SimpleUploadedFile("translations.csv", b"key,en"))

    assert renamed.context["form"].errors["file"] == ["This file is not an Excel workbook (.xlsx)."]
    assert csv.context["form"].errors["file"] == ["Upload an Excel workbook (.xlsx)."]
    assert preview(client, world.questionnaire)["Location"].endswith("/upload/")


def test_confirm_with_a_tampered_token_changes_nothing(client, world):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "section:1:title")[4] = "Première partie"
    upload(client, world.questionnaire, xlsx(rows))
    before = snapshot_texts(world.questionnaire)

    response = confirm(client, world.questionnaire, "guessed")

    assert response["Location"].endswith("/upload/")
    assert snapshot_texts(world.questionnaire) == before


def test_confirm_after_someone_else_changed_the_text_changes_nothing(client, world):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "section:1:title")[4] = "Première partie"
    row_of(rows, "section:2:title")[4] = "Deuxième partie"
    upload(client, world.questionnaire, xlsx(rows))
    token = preview(client, world.questionnaire).context["pending"]["token"]
    Section.objects.filter(questionnaire=world.questionnaire, order=1).update(title_fr="Partie 1")
    before = snapshot_texts(world.questionnaire)

    response = confirm(client, world.questionnaire, token)

    assert response["Location"].endswith("/upload/")
    assert snapshot_texts(world.questionnaire) == before
    assert "was changed by someone else meanwhile" in " ".join(
        str(m) for m in client.get(response["Location"]).context["messages"]
    )


def test_only_the_secretariat_uploads_and_confirms(client, world):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    row_of(rows, "section:1:title")[4] = "Première partie"
    before = snapshot_texts(world.questionnaire)
    statuses = []
    for person in PEOPLE[1:]:
        login(client, world, person)
        statuses.append(
            (
                upload(client, world.questionnaire, xlsx(rows)).status_code,
                preview(client, world.questionnaire).status_code,
                confirm(client, world.questionnaire, "token").status_code,
            )
        )

    assert statuses == [(404, 404, 404)] * 3 + [(302, 302, 302)]
    assert snapshot_texts(world.questionnaire) == before


@pytest.mark.parametrize("count", [1, 5])
def test_preview_query_count_does_not_grow_with_the_changes(client, world, django_assert_num_queries, count):
    client.force_login(world.secretariat)
    rows = download(client, world.questionnaire)
    for row in rows[1 : 1 + count]:
        row[7] = f"Texto {row[0]}"
    upload(client, world.questionnaire, xlsx(rows))
    preview(client, world.questionnaire)

    with django_assert_num_queries(8):
        response = preview(client, world.questionnaire)

    assert len(response.context["rows"]) == count
