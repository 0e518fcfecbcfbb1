"""Input on a State's review: the State opts in; stakeholders send; its focal point and reviewers read."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.enums import Step
from reviews.services import remove_participant
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from revmod.notifications.enums import NotificationKind
from revmod.notifications.models import Notification
from stakeholders.models import InputFile, ReviewConsultation, StakeholderInput
from tests.factories.stakeholders import stakeholder
from tests.stakeholders.conftest import EVERYONE, sign_in, stored_files

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SIGNED_OUT = ("anonymous", "waiting_stakeholder")
READERS = ("secretariat", "focal_point", "reviewing_expert")


def expect_refusal(response, who: str) -> None:
    if who in SIGNED_OUT:
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.fixture
def consultation(people):
    return ReviewConsultation.objects.create(review=people.review, is_open=True, changed_by=people.focal_point)


def send(client, consultation, text="Shelters report fewer identified victims.", files=()):
    return client.post(
        reverse("stakeholders:consultation", args=[consultation.pk]), {"text": text, "attachments": list(files)}
    )


# --- Opting in --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_the_reviewed_focal_point_and_the_secretariat_open_the_review_to_input(client, people, who):
    sign_in(client, people, who)

    response = client.post(reverse("stakeholders:open_to_input", args=[people.review.pk]), {"accepting": "1"})

    opened = ReviewConsultation.objects.filter(review=people.review, is_open=True).exists()
    if who in ("secretariat", "focal_point"):
        assert response.status_code == 302
        assert opened
        assert AuditEntry.objects.get(action=AuditAction.STAKEHOLDER_INPUT_OPENED).review_id == people.review.pk
    elif who == "reviewing_expert":
        assert response.status_code == 302  # reads the input, but the State decides: refused with a message
        assert not opened
    else:
        expect_refusal(response, who)
        assert not opened


def test_the_focal_point_closes_the_review_to_input(client, people, consultation):
    client.force_login(people.focal_point)

    client.post(reverse("stakeholders:open_to_input", args=[people.review.pk]), {"accepting": "0"})

    consultation.refresh_from_db()
    assert consultation.is_open is False
    assert AuditEntry.objects.filter(action=AuditAction.STAKEHOLDER_INPUT_CLOSED).count() == 1


def test_an_unclear_choice_changes_nothing(client, people, consultation):
    client.force_login(people.focal_point)

    client.post(reverse("stakeholders:open_to_input", args=[people.review.pk]), {"accepting": "maybe"})

    consultation.refresh_from_db()
    assert consultation.is_open is True


def test_a_finalized_review_cannot_be_opened(client, people):
    people.review.step = Step.FINALIZED
    people.review.save(update_fields=["step"])
    client.force_login(people.focal_point)

    client.post(reverse("stakeholders:open_to_input", args=[people.review.pk]), {"accepting": "1"})

    assert not ReviewConsultation.objects.exists()


# --- What a stakeholder sees ------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_approved_stakeholders_see_a_review_accepting_input(client, people, consultation, who):
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:consultation", args=[consultation.pk]))

    if who in ("stakeholder", "second_stakeholder"):
        assert response.status_code == 200
        assert "France" in response.content.decode()
    else:
        expect_refusal(response, who)


def test_a_closed_review_is_not_shown_to_stakeholders(client, people, consultation):
    consultation.is_open = False
    consultation.save()
    client.force_login(people.stakeholder)

    listing = client.get(reverse("stakeholders:home"))
    page = client.get(reverse("stakeholders:consultation", args=[consultation.pk]))

    assert listing.context["consultations"] == []
    assert page.status_code == 404


def test_the_stakeholders_list_names_the_state_and_the_cycle(client, people, consultation):
    client.force_login(people.stakeholder)

    response = client.get(reverse("stakeholders:home"))

    assert response.context["consultations"] == [consultation]
    assert "France · Cluster I cycle" in response.content.decode()


# --- Sending input ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_only_approved_stakeholders_send_input_on_a_review(client, people, consultation, who):
    sign_in(client, people, who)

    response = send(client, consultation)

    if who in ("stakeholder", "second_stakeholder"):
        assert response.status_code == 302
        assert StakeholderInput.objects.get().review == people.review
    else:
        expect_refusal(response, who)
        assert StakeholderInput.objects.count() == 0


def test_the_readers_of_the_review_are_notified_and_nobody_else(
    client, people, consultation, django_capture_on_commit_callbacks
):
    client.force_login(people.stakeholder)

    with django_capture_on_commit_callbacks(execute=True):
        send(client, consultation)

    notified = Notification.objects.filter(kind=NotificationKind.STAKEHOLDER_INPUT)
    assert set(notified.values_list("user", flat=True)) == {
        people.focal_point.pk,
        people.reviewing_expert.pk,
        people.reviewing_focal_point.pk,
    }
    one = notified.first()
    assert one.review_id == people.review.pk
    assert one.data["organisation"] == "Friends of Justice"
    assert one.data["person"] == people.stakeholder.full_name
    assert one.data["state_names"]["fr"] == "France"
    assert one.url.startswith(f"/en/stakeholders/reviews/{people.review.pk}/input/#input-")


def test_input_on_a_review_with_one_bad_file_is_refused_whole(client, people, consultation, media_in_tmp):
    client.force_login(people.stakeholder)

    response = send(
        client,
        consultation,
        files=[
            SimpleUploadedFile("ok.pdf", PDF),
            SimpleUploadedFile("bad.exe.pdf", b"MZ\x90\x00binary\x00"),
        ],
    )

    assert response.status_code == 400
    assert "bad.exe.pdf" in response.content.decode()
    assert (
        StakeholderInput.objects.count(),
        Notification.objects.filter(kind=NotificationKind.STAKEHOLDER_INPUT).count(),
        stored_files(media_in_tmp),
    ) == (0, 0, [])


def test_input_on_a_review_that_closed_meanwhile_is_refused(client, people, consultation):
    client.force_login(people.stakeholder)
    consultation.is_open = False
    consultation.save()

    response = send(client, consultation)

    assert response.status_code == 404
    assert StakeholderInput.objects.count() == 0


def test_a_stakeholder_sees_only_their_own_input_on_the_review(client, people, consultation):
    StakeholderInput.objects.create(author=people.second_stakeholder, review=people.review, text="Second's input")
    client.force_login(people.stakeholder)
    send(client, consultation, text="First's input")

    page = client.get(reverse("stakeholders:consultation", args=[consultation.pk])).content.decode()

    assert "First&#x27;s input" in page
    assert "Second&#x27;s input" not in page


# --- Reading input ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_the_input_is_read_by_the_focal_point_the_reviewing_experts_and_the_secretariat(
    client, people, consultation, who
):
    StakeholderInput.objects.create(
        author=people.stakeholder, review=people.review, organisation="Friends of Justice", text="Shelters report"
    )
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:review_input", args=[people.review.pk]))

    if who in READERS:
        assert response.status_code == 200
        page = response.content.decode()
        assert "Shelters report" in page
        assert "Stakeholder input" in page
        assert "Friends of Justice" in page
    else:
        expect_refusal(response, who)


@pytest.mark.parametrize("who", ["expert", "observer", "contributor", "stranger", "other_contributor"])
def test_the_review_page_links_the_input_only_for_its_readers(client, people, consultation, who):
    reader, other = people.focal_point, getattr(people, who)
    url = reverse("stakeholders:review_input", args=[people.review.pk])

    client.force_login(reader)
    for_reader = client.get(reverse("reviews:detail", args=[people.review.pk])).content.decode()
    client.force_login(other)
    for_other = client.get(reverse("reviews:detail", args=[people.review.pk]))

    assert url in for_reader
    assert url not in for_other.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_a_file_of_review_input_is_downloaded_by_the_readers_and_its_author(client, people, consultation, who):
    client.force_login(people.stakeholder)
    send(client, consultation, files=[SimpleUploadedFile("report.pdf", PDF)])
    file = InputFile.objects.get()
    sign_in(client, people, who)

    response = client.get(reverse("stakeholders:download", args=[file.pk]))

    if who in (*READERS, "stakeholder"):
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        expect_refusal(response, who)


def test_a_reviewer_removed_from_the_review_no_longer_reads_its_input(client, people, consultation):
    remove_participant(people.review.participants.get(user=people.reviewing_expert), by=people.secretariat)
    client.force_login(people.reviewing_expert)

    response = client.get(reverse("stakeholders:review_input", args=[people.review.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_the_input_page_costs_the_same_for_one_or_many(client, people, consultation, size, django_assert_num_queries):
    for index in range(size):
        author = stakeholder(email=f"author{index}@ngo.test")
        sent = StakeholderInput.objects.create(author=author, review=people.review, text=f"Input {index}")
        InputFile.objects.create(
            input=sent,
            name="a.pdf",
            file="x",
            token=f"r{index}",
            extension=".pdf",
            content_type="application/pdf",
            size=1,
            sha256="0",
        )
    client.force_login(people.focal_point)

    with django_assert_num_queries(12):
        response = client.get(reverse("stakeholders:review_input", args=[people.review.pk]))

    assert len(response.context["inputs"]) == size
