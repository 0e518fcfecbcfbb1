"""Every review URL and action against every kind of person. Any changed cell fails."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from reviews.enums import ExportStatus, Step
from reviews.models import ExportJob
from reviews.services import remove_participant

pytestmark = pytest.mark.django_db

PEOPLE = ("secretariat", "focal_point", "expert", "reviewing_expert", "observer", "stranger", "nobody", "anonymous")

# name -> (method, expected status for each of PEOPLE), while the questionnaire is being drafted.
TABLE = {
    "list": ("get", (200, 200, 200, 200, 200, 200, 200, 302)),
    "overview": ("get", (200, 404, 404, 404, 404, 404, 404, 302)),
    "draw": ("get", (200, 404, 404, 404, 404, 404, 404, 302)),
    "detail": ("get", (200, 200, 200, 200, 200, 404, 404, 302)),
    "questionnaire": ("get", (200, 200, 200, 404, 404, 404, 404, 302)),
    "answer_section": ("get", (200, 200, 200, 404, 404, 404, 404, 302)),
    "save_answer": ("post", (200, 200, 200, 403, 403, 404, 404, 302)),
    "answer_history": ("get", (200, 200, 200, 404, 404, 404, 404, 302)),
    "submit": ("get", (200, 200, 404, 404, 404, 404, 404, 302)),
    "participants": ("get", (200, 404, 404, 404, 404, 404, 404, 302)),
    "move": ("post", (302, 404, 404, 404, 404, 404, 404, 302)),
    "remove_participant": ("post", (302, 404, 404, 404, 404, 404, 404, 302)),
}

# After the focal point has submitted: the reviewing side reads, nobody answers.
TABLE_SUBMITTED = {
    "questionnaire": ("get", (200, 200, 200, 200, 200, 404, 404, 302)),
    "answer_history": ("get", (200, 200, 200, 200, 200, 404, 404, 302)),
    "answer_section": ("get", (302, 302, 302, 302, 302, 404, 404, 302)),
    "save_answer": ("post", (403, 403, 403, 403, 403, 404, 404, 302)),
    "submit": ("get", (404, 404, 404, 404, 404, 404, 404, 302)),
}


def url_for(name: str, world) -> str:
    review, questionnaire = world.review, world.questionnaire
    question = questionnaire.questions.order_by("order").first()
    kwargs = {
        "list": {},
        "overview": {},
        "draw": {},
        "detail": {"pk": review.pk},
        "questionnaire": {"pk": review.pk, "questionnaire_pk": questionnaire.pk},
        "answer_section": {"pk": review.pk, "questionnaire_pk": questionnaire.pk, "section": 1},
        "save_answer": {"pk": review.pk, "question_pk": question.pk},
        "answer_history": {"pk": review.pk, "question_pk": question.pk},
        "submit": {"pk": review.pk},
        "participants": {"pk": review.pk},
        "move": {"pk": review.pk},
        "remove_participant": {
            "pk": review.pk,
            "participant_pk": review.participants.filter(user=world.expert).get().pk,
        },
    }[name]
    return reverse(f"reviews:{name}", kwargs=kwargs)


def post_data(name: str, world) -> dict:
    question = world.questionnaire.questions.order_by("order").first()
    if name == "save_answer":
        answer = question.answers.filter(review=world.review).first()
        return {f"q{question.pk}": "yes", f"q{question.pk}-rev": str(answer.revision if answer else 0)}
    if name == "move":
        return {"to_step": "feedback", "note": ""}
    return {}


def status_for(client, world, person: str, name: str, method: str) -> int:
    if person != "anonymous":
        client.force_login(getattr(world, person))
    url = url_for(name, world)
    response = client.post(url, post_data(name, world)) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize("name", TABLE)
def test_permission_table_while_drafting(client, world, name):
    method, expected = TABLE[name]

    actual = []
    for person in PEOPLE:
        client.logout()
        actual.append(status_for(client, world, person, name, method))
        world.review.refresh_from_db()

    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


@pytest.mark.parametrize("name", TABLE_SUBMITTED)
def test_permission_table_after_submission(client, world, name):
    world.review.step = Step.FEEDBACK
    world.review.submitted_at = timezone.now()
    world.review.save()
    method, expected = TABLE_SUBMITTED[name]

    actual = []
    for person in PEOPLE:
        client.logout()
        actual.append(status_for(client, world, person, name, method))

    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


def test_removed_participant_loses_access_at_once(client, world):
    client.force_login(world.expert)
    assert client.get(url_for("detail", world)).status_code == 200

    remove_participant(world.review.participants.get(user=world.expert))

    assert client.get(url_for("detail", world)).status_code == 404
    assert client.get(url_for("questionnaire", world)).status_code == 404


def test_stranger_cannot_reach_another_reviews_objects_through_their_own_review(client, world):
    """IDOR: the stranger's review id with this review's questionnaire and question ids."""
    other = world.other_review
    question = world.questionnaire.questions.order_by("order").first()
    client.force_login(world.stranger)

    history = client.get(reverse("reviews:answer_history", kwargs={"pk": world.review.pk, "question_pk": question.pk}))
    own_review_foreign_section = client.get(
        reverse("reviews:answer_section", kwargs={"pk": other.pk, "questionnaire_pk": 999999, "section": 1})
    )

    assert history.status_code == 404
    assert own_review_foreign_section.status_code == 404


# --- Documents: who may ask for one, and who may open a finished one ---------------------

# What asking for a PDF gives each of PEOPLE: the status, and whether a document is made.
EXPORT_REQUEST = {
    "drafting": (302, 302, 302, 302, 302, 404, 404, 302),
    "submitted": (302, 302, 302, 302, 302, 404, 404, 302),
}
EXPORT_MADE = {
    "drafting": (True, True, True, False, False, False, False, False),
    "submitted": (True, True, True, True, True, False, False, False),
}
# A finished document belongs to whoever asked for it: everyone else gets 404.
JOB_PAGES = ("export_job", "export_status", "export_download")
JOB_OF_THE_FOCAL_POINT = (404, 200, 404, 404, 404, 404, 404, 302)


def at(world, moment: str) -> None:
    if moment == "submitted":
        world.review.step = Step.FEEDBACK
        world.review.submitted_at = timezone.now()
        world.review.save()


@pytest.mark.parametrize("moment", EXPORT_REQUEST)
def test_permission_table_of_asking_for_a_document(client, world, moment, django_capture_on_commit_callbacks):
    at(world, moment)
    url = reverse("reviews:export_review", kwargs={"pk": world.review.pk})

    statuses, made = [], []
    for person in PEOPLE:
        client.logout()
        if person != "anonymous":
            client.force_login(getattr(world, person))
        before = ExportJob.objects.count()
        with django_capture_on_commit_callbacks(execute=False):
            statuses.append(client.post(url, {"format": "pdf", "language": "en", "threads": "1"}).status_code)
        made.append(ExportJob.objects.count() == before + 1)

    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, EXPORT_REQUEST[moment], strict=True))
    assert dict(zip(PEOPLE, made, strict=True)) == dict(zip(PEOPLE, EXPORT_MADE[moment], strict=True))


@pytest.mark.parametrize("moment", EXPORT_REQUEST)
@pytest.mark.parametrize("name", JOB_PAGES)
def test_permission_table_of_a_finished_document(client, world, moment, name):
    at(world, moment)
    job = ExportJob.objects.create(
        review=world.review, requested_by=world.focal_point, format="pdf", language="en", status=ExportStatus.DONE
    )
    job.file.save("review.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    url = reverse(f"reviews:{name}", kwargs={"pk": world.review.pk, "job_pk": job.pk})

    statuses = []
    for person in PEOPLE:
        client.logout()
        if person != "anonymous":
            client.force_login(getattr(world, person))
        statuses.append(client.get(url).status_code)

    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, JOB_OF_THE_FOCAL_POINT, strict=True))


def test_a_finished_document_answers_404_once_its_owner_left_the_review(client, world):
    job = ExportJob.objects.create(
        review=world.review, requested_by=world.expert, format="pdf", language="en", status=ExportStatus.DONE
    )
    job.file.save("review.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    client.force_login(world.expert)

    remove_participant(world.review.participants.get(user=world.expert))

    url = reverse("reviews:export_download", kwargs={"pk": world.review.pk, "job_pk": job.pk})
    assert client.get(url).status_code == 404
