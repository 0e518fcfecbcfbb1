"""Constructive dialogues: the secretariat holds them, stakeholders apply and send input, a summary is published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from stakeholders.enums import ApplicationStatus
from stakeholders.models import ConstructiveDialogue, DialogueApplication, InputFile, StakeholderInput
from tests.factories.stakeholders import dialogue, stakeholder
from tests.stakeholders.conftest import EVERYONE, sign_in, stored_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SIGNED_OUT = ("anonymous", "waiting_stakeholder")  # a stakeholder awaiting approval cannot sign in
SEE_DIALOGUES = ("secretariat", "stakeholder", "second_stakeholder")


def expect_refusal(response, who: str) -> None:
    if who in SIGNED_OUT:
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    else:
        assert response.status_code == 404


def apply(client, the_dialogue, motivation="We support victims in Vienna."):
    return client.post(reverse("stakeholders:apply", args=[the_dialogue.pk]), {"motivation": motivation})


@pytest.fixture
def applied(people, open_dialogue):
    """Both approved stakeholders applied to the open dialogue."""
    for person in (people.stakeholder, people.second_stakeholder):
        DialogueApplication.objects.create(dialogue=open_dialogue, stakeholder=person, motivation=f"From {person}")
    return open_dialogue


# --- Who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_the_dialogues_page_is_for_the_secretariat_and_approved_stakeholders(client, people, open_dialogue, who):
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:home"))

    if who in SEE_DIALOGUES:
        assert response.status_code == 200
        assert [item.pk for item in response.context["dialogues"]] == [open_dialogue.pk]
    else:
        expect_refusal(response, who)


@pytest.mark.parametrize("who", EVERYONE)
def test_a_dialogues_page_is_for_the_secretariat_and_approved_stakeholders(client, people, applied, who):
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:dialogue", args=[applied.pk]))

    if who in SEE_DIALOGUES:
        assert response.status_code == 200
    else:
        expect_refusal(response, who)


def test_a_stakeholder_sees_their_own_application_and_input_and_nobody_elses(client, people, applied):
    StakeholderInput.objects.create(author=people.second_stakeholder, dialogue=applied, text="Second's private input")
    StakeholderInput.objects.create(author=people.stakeholder, dialogue=applied, text="First's own input")
    client.force_login(people.stakeholder)

    page = client.get(reverse("stakeholders:dialogue", args=[applied.pk])).content.decode()

    assert "First&#x27;s own input" in page
    assert "Second&#x27;s private input" not in page
    assert people.second_stakeholder.full_name not in page
    assert "Second Foundation" not in page
    assert "applications" not in client.get(reverse("stakeholders:dialogue", args=[applied.pk])).context


def test_the_secretariat_sees_every_application_and_input(client, people, applied):
    StakeholderInput.objects.create(author=people.second_stakeholder, dialogue=applied, text="Second's input")
    client.force_login(people.secretariat)

    response = client.get(reverse("stakeholders:dialogue", args=[applied.pk]))

    assert [item.stakeholder for item in response.context["applications"]] == [
        people.stakeholder,
        people.second_stakeholder,
    ]
    assert [item.text for item in response.context["inputs"]] == ["Second's input"]


def test_the_link_to_join_goes_only_to_approved_participants(client, people, applied):
    DialogueApplication.objects.filter(stakeholder=people.stakeholder).update(status=ApplicationStatus.APPROVED)

    pages = {}
    for who in ("stakeholder", "second_stakeholder", "secretariat"):
        sign_in(client, people, who)
        pages[who] = client.get(reverse("stakeholders:dialogue", args=[applied.pk])).content.decode()

    assert "https://meet.example.org/dialogue" in pages["stakeholder"]
    assert "https://meet.example.org/dialogue" not in pages["second_stakeholder"]
    assert "https://meet.example.org/dialogue" in pages["secretariat"]


# --- Holding a dialogue -----------------------------------------------------------------------


def dialogue_form(**changes) -> dict:
    return {
        "title": "Dialogue after the working group on trafficking",
        "description": "Hybrid session.",
        "held_at": "2030-06-10T09:00",
        "place": "Vienna",
        "online_link": "https://meet.example.org/x",
        "application_deadline": "2030-05-10T17:00",
    } | changes


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_creates_a_dialogue(client, people, who):
    sign_in(client, people, who)

    response = client.post(reverse("stakeholders:dialogue_create"), dialogue_form())

    if who == "secretariat":
        created = ConstructiveDialogue.objects.get()
        assert response["Location"] == reverse("stakeholders:dialogue", args=[created.pk])
        assert (created.created_by, created.held_at) == (people.secretariat, dt.datetime(2030, 6, 10, 9, tzinfo=dt.UTC))
        assert AuditEntry.objects.filter(action=AuditAction.DIALOGUE_CREATED).count() == 1
    else:
        expect_refusal(response, who)
        assert ConstructiveDialogue.objects.count() == 0


def test_a_dialogue_of_a_cycle_names_it(client, people):
    client.force_login(people.secretariat)

    client.post(reverse("stakeholders:dialogue_create"), dialogue_form(cycle=people.review.cycle_id))

    assert ConstructiveDialogue.objects.get().cycle == people.review.cycle


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"application_deadline": "2030-07-01T00:00"}, "application_deadline"),
        ({"title": ""}, "title"),
        ({"held_at": "tomorrow"}, "held_at"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
    ],
)
def test_a_dialogue_with_bad_input_says_what_is_wrong_and_is_not_made(client, people, changes, field):
    client.force_login(people.secretariat)

    response = client.post(reverse("stakeholders:dialogue_create"), dialogue_form(**changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ConstructiveDialogue.objects.count() == 0


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_changes_a_dialogue(client, people, open_dialogue, who):
    sign_in(client, people, who)

    response = client.post(
        reverse("stakeholders:dialogue_edit", args=[open_dialogue.pk]), dialogue_form(title="Renamed")
    )

    open_dialogue.refresh_from_db()
    if who == "secretariat":
        assert response.status_code == 302
        assert open_dialogue.title == "Renamed"
    else:
        expect_refusal(response, who)
        assert open_dialogue.title == "Dialogue after the 2026 session"


# --- Applying ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_approved_stakeholders_apply(client, people, open_dialogue, who):
    sign_in(client, people, who)

    response = apply(client, open_dialogue)

    if who in ("stakeholder", "second_stakeholder"):
        assert response.status_code == 302
        assert DialogueApplication.objects.get().stakeholder == getattr(people, who)
    elif who == "secretariat":
        assert response.status_code == 400
        assert DialogueApplication.objects.count() == 0
    else:
        expect_refusal(response, who)
        assert DialogueApplication.objects.count() == 0


def test_applying_twice_is_refused_and_keeps_the_first_application(client, people, open_dialogue):
    client.force_login(people.stakeholder)
    apply(client, open_dialogue, "First")

    response = apply(client, open_dialogue, "Second")

    assert response.status_code == 400
    assert list(DialogueApplication.objects.values_list("motivation", flat=True)) == ["First"]


def test_applying_after_the_deadline_is_refused(client, people):
    closed = dialogue(by=people.secretariat, held_in_days=2, closes_in_days=-1)
    client.force_login(people.stakeholder)

    response = apply(client, closed)

    assert response.status_code == 400
    assert DialogueApplication.objects.count() == 0


def test_applying_without_a_motivation_says_so(client, people, open_dialogue):
    client.force_login(people.stakeholder)

    response = apply(client, open_dialogue, "   ")

    assert response.status_code == 400
    assert "motivation" in response.context["apply_form"].errors
    assert DialogueApplication.objects.count() == 0


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_decides_on_applicants(client, people, applied, who):
    application = DialogueApplication.objects.get(stakeholder=people.stakeholder)
    sign_in(client, people, who)

    response = client.post(reverse("stakeholders:decide", args=[applied.pk, application.pk]), {"decision": "approve"})

    application.refresh_from_db()
    if who == "secretariat":
        assert response.status_code == 302
        assert application.status == ApplicationStatus.APPROVED
    else:
        expect_refusal(response, who)
        assert application.status == ApplicationStatus.PENDING


@pytest.mark.parametrize("decision", ["approve", "refuse"])
def test_the_applicant_is_told_the_decision_in_their_language(
    client, people, applied, decision, django_capture_on_commit_callbacks
):
    people.stakeholder.preferred_language = "fr"
    people.stakeholder.save(update_fields=["preferred_language"])
    application = DialogueApplication.objects.get(stakeholder=people.stakeholder)
    client.force_login(people.secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("stakeholders:decide", args=[applied.pk, application.pk]), {"decision": decision})

    application.refresh_from_db()
    assert application.status == {"approve": "approved", "refuse": "refused"}[decision]
    assert [message.to for message in mail.outbox] == [[people.stakeholder.email]]
    assert f"/fr/stakeholders/dialogues/{applied.pk}/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action=AuditAction.DIALOGUE_PARTICIPANT_DECIDED).count() == 1


def test_a_decision_is_not_taken_twice(client, people, applied):
    application = DialogueApplication.objects.get(stakeholder=people.stakeholder)
    client.force_login(people.secretariat)
    client.post(reverse("stakeholders:decide", args=[applied.pk, application.pk]), {"decision": "approve"})

    client.post(reverse("stakeholders:decide", args=[applied.pk, application.pk]), {"decision": "refuse"})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_an_application_of_another_dialogue_is_not_found_through_this_one(client, people, applied):
    other = dialogue(by=people.secretariat, title="Another")
    application = DialogueApplication.objects.get(stakeholder=people.stakeholder)
    client.force_login(people.secretariat)

    response = client.post(reverse("stakeholders:decide", args=[other.pk, application.pk]), {"decision": "approve"})

    assert response.status_code == 404


# --- Written input ----------------------------------------------------------------------------


def send(client, the_dialogue, text="Our findings on victims' access to justice.", files=()):
    return client.post(
        reverse("stakeholders:dialogue_input", args=[the_dialogue.pk]), {"text": text, "attachments": list(files)}
    )


def pdf(name="findings.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("who", EVERYONE)
def test_only_applicants_send_input(client, people, open_dialogue, who):
    DialogueApplication.objects.create(dialogue=open_dialogue, stakeholder=people.stakeholder, motivation="m")
    sign_in(client, people, who)

    response = send(client, open_dialogue)

    if who == "stakeholder":
        assert response.status_code == 302
        assert StakeholderInput.objects.get().author == people.stakeholder
    elif who in ("secretariat", "second_stakeholder"):
        assert response.status_code == 400
        assert StakeholderInput.objects.count() == 0
    else:
        expect_refusal(response, who)
        assert StakeholderInput.objects.count() == 0


def test_input_carries_its_files_and_the_organisation(client, people, applied, media_in_tmp):
    client.force_login(people.stakeholder)

    send(client, applied, files=[pdf(), SimpleUploadedFile("note.txt", b"Plain notes", content_type="text/plain")])

    sent = StakeholderInput.objects.get()
    assert sent.organisation == "Friends of Justice"
    assert [(file.name, file.extension) for file in sent.files.all()] == [
        ("findings.pdf", ".pdf"),
        ("note.txt", ".txt"),
    ]
    assert len(stored_files(media_in_tmp)) == 2
    assert AuditEntry.objects.get(action=AuditAction.STAKEHOLDER_INPUT_SENT).data["files"][0]["name"] == "findings.pdf"


@pytest.mark.parametrize(
    "bad",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00binary", content_type="application/pdf"),
        SimpleUploadedFile("findings.docx", PDF, content_type="application/pdf"),
        SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
    ],
)
def test_input_with_one_bad_file_is_refused_whole_and_leaves_nothing(client, people, applied, media_in_tmp, bad):
    client.force_login(people.stakeholder)

    response = send(client, applied, files=[pdf(), bad])

    assert response.status_code == 400
    assert response.context["input_form"].errors
    assert (StakeholderInput.objects.count(), InputFile.objects.count(), stored_files(media_in_tmp)) == (0, 0, [])


def test_input_over_the_size_limit_is_refused(client, people, applied, media_in_tmp, settings):
    settings.STAKEHOLDER_FILE_MAX_BYTES = 10
    client.force_login(people.stakeholder)

    response = send(client, applied, files=[pdf()])

    assert "larger than" in response.context["input_form"].non_field_errors()[0]
    assert (StakeholderInput.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_input_with_too_many_files_is_refused(client, people, applied, media_in_tmp, settings):
    settings.STAKEHOLDER_FILES_PER_INPUT = 1
    client.force_login(people.stakeholder)

    response = send(client, applied, files=[pdf("a.pdf"), pdf("b.pdf")])

    assert response.status_code == 400
    assert (StakeholderInput.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_input_without_text_is_refused(client, people, applied, media_in_tmp):
    client.force_login(people.stakeholder)

    response = send(client, applied, text="  ", files=[pdf()])

    assert response.context["input_form"].non_field_errors() == ["Write your input."]
    assert (StakeholderInput.objects.count(), stored_files(media_in_tmp)) == (0, [])


def test_a_refused_applicant_sends_no_input(client, people, applied):
    DialogueApplication.objects.filter(stakeholder=people.stakeholder).update(status=ApplicationStatus.REFUSED)
    client.force_login(people.stakeholder)

    response = send(client, applied)

    assert response.status_code == 400
    assert StakeholderInput.objects.count() == 0


def test_the_database_refusing_leaves_no_file_behind(client, people, applied, media_in_tmp, monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr("stakeholders.services.inputs.record", refuse)
    client.force_login(people.stakeholder)

    with pytest.raises(RuntimeError):
        send(client, applied, files=[pdf()])

    assert (StakeholderInput.objects.count(), stored_files(media_in_tmp)) == (0, [])


@pytest.mark.parametrize("who", EVERYONE)
def test_a_file_of_dialogue_input_is_downloaded_by_its_author_and_the_secretariat(client, people, applied, who):
    client.force_login(people.stakeholder)
    send(client, applied, files=[pdf()])
    file = InputFile.objects.get()
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:download", args=[file.pk]))

    if who in ("stakeholder", "secretariat"):
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="findings.pdf"'
    else:
        expect_refusal(response, who)


# --- The summary ------------------------------------------------------------------------------


@pytest.fixture
def held(people):
    return dialogue(by=people.secretariat, title="Held dialogue", held_in_days=-1, closes_in_days=-10)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_secretariat_writes_and_publishes_the_summary(client, people, held, who):
    sign_in(client, people, who)

    saved = client.post(reverse("stakeholders:summary", args=[held.pk]), {"summary": "What was said."})
    published = client.post(reverse("stakeholders:publish", args=[held.pk]))

    held.refresh_from_db()
    if who == "secretariat":
        assert (saved.status_code, published.status_code) == (302, 302)
        assert held.summary == "What was said."
        assert held.summary_published_by == people.secretariat
    else:
        expect_refusal(saved, who)
        expect_refusal(published, who)
        assert (held.summary, held.summary_published_at) == ("", None)


def test_a_summary_is_published_only_after_the_dialogue(client, people, open_dialogue):
    client.force_login(people.secretariat)
    client.post(reverse("stakeholders:summary", args=[open_dialogue.pk]), {"summary": "Too early."})

    client.post(reverse("stakeholders:publish", args=[open_dialogue.pk]))

    open_dialogue.refresh_from_db()
    assert open_dialogue.summary_published_at is None


def test_an_empty_summary_is_not_published(client, people, held):
    client.force_login(people.secretariat)

    client.post(reverse("stakeholders:publish", args=[held.pk]))

    held.refresh_from_db()
    assert held.summary_published_at is None


def test_a_published_summary_can_no_longer_change(client, people, held):
    client.force_login(people.secretariat)
    client.post(reverse("stakeholders:summary", args=[held.pk]), {"summary": "Final."})
    client.post(reverse("stakeholders:publish", args=[held.pk]))

    client.post(reverse("stakeholders:summary", args=[held.pk]), {"summary": "Rewritten."})

    held.refresh_from_db()
    assert held.summary == "Final."
    assert AuditEntry.objects.filter(action=AuditAction.DIALOGUE_SUMMARY_PUBLISHED).count() == 1


def test_the_public_page_lists_the_published_summary_beside_the_review_summaries(client, people, held):
    StakeholderInput.objects.create(author=people.stakeholder, dialogue=held, text="Confidential input")
    held.summary = "The dialogue agreed on three points."
    held.summary_published_at = timezone.now()
    held.save()
    unpublished = dialogue(by=people.secretariat, title="Not yet published")

    listing = client.get(reverse("reviews:published")).content.decode()
    page = client.get(reverse("stakeholders:public_summary", args=[held.pk]))
    hidden = client.get(reverse("stakeholders:public_summary", args=[unpublished.pk]))

    assert "Held dialogue" in listing
    assert reverse("stakeholders:public_summary", args=[held.pk]) in listing
    assert "Not yet published" not in listing
    assert page.status_code == 200
    assert "The dialogue agreed on three points." in page.content.decode()
    assert "Confidential input" not in page.content.decode()
    assert people.stakeholder.full_name not in page.content.decode()
    assert hidden.status_code == 404


# --- Lists cost the same whatever their length ------------------------------------------------


@pytest.mark.parametrize("size", [1, 5])
@pytest.mark.parametrize("who", ["secretariat", "stakeholder"])
def test_the_dialogues_page_costs_the_same_for_one_or_many(client, people, size, who, django_assert_num_queries):
    for index in range(size):
        made = dialogue(by=people.secretariat, title=f"Dialogue {index}")
        DialogueApplication.objects.create(dialogue=made, stakeholder=people.stakeholder, motivation="m")
    sign_in(client, people, who)

    with django_assert_num_queries(9):
        response = client.get(reverse("stakeholders:home"))

    assert len(response.context["dialogues"]) == size


@pytest.mark.parametrize("size", [1, 5])
def test_a_dialogues_page_costs_the_same_for_one_or_many_applicants(
    client, people, open_dialogue, size, django_assert_num_queries
):
    for index in range(size):
        person = stakeholder(email=f"applicant{index}@ngo.test")
        DialogueApplication.objects.create(dialogue=open_dialogue, stakeholder=person, motivation="m")
        sent = StakeholderInput.objects.create(author=person, dialogue=open_dialogue, text="t")
        InputFile.objects.create(
            input=sent,
            name="a.pdf",
            file="x",
            token=f"t{index}",
            extension=".pdf",
            content_type="application/pdf",
            size=1,
            sha256="0",
        )
    client.force_login(people.secretariat)

    with django_assert_num_queries(12):
        response = client.get(reverse("stakeholders:dialogue", args=[open_dialogue.pk]))

    assert len(response.context["applications"]) == size
