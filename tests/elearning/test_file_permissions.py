"""Every file the e-learning module serves, against every kind of person. Any changed cell fails."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from elearning import services
from elearning.models import Certificate, LessonFile
from tests.factories import SecretariatFactory
from tests.factories.elearning import right_answers

pytestmark = pytest.mark.django_db

PEOPLE = ("owner", "other_trainer", "secretariat", "learner", "stranger", "anonymous")
# The learner is enrolled in the course and holds its certificate; the stranger is not enrolled.
EXPECTED = {
    "lesson_file": (200, 404, 200, 200, 404, 302),
    "certificate_pdf": (404, 404, 404, 200, 404, 302),
}


@pytest.fixture
def files(course, lessons, trainer, learner):
    lesson_file = LessonFile(
        lesson=lessons[0], title="Guide", original_name="guide.pdf", content_type="application/pdf", size=15
    )
    lesson_file.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    services.enrol(learner, course)
    for lesson in lessons:
        services.mark_lesson_viewed(lesson, user=learner)
    attempt = services.start_attempt(course.quizzes.get(), user=learner)
    services.submit_attempt(attempt, answers=right_answers(attempt))
    certificate = Certificate.objects.get(enrolment__user=learner)
    return {
        "lesson_file": f"/en/learning/files/{lesson_file.pk}/",
        "certificate_pdf": f"/en/learning/certificates/{certificate.pk}/",
    }


@pytest.fixture
def people(trainer, other_trainer, learner, stranger):
    return {
        "owner": trainer,
        "other_trainer": other_trainer,
        "secretariat": SecretariatFactory(),
        "learner": learner,
        "stranger": stranger,
    }


@pytest.mark.parametrize("name", EXPECTED)
def test_file_permission_table(client, files, people, name):
    statuses = []
    for person in PEOPLE:
        client.logout()
        if person != "anonymous":
            client.force_login(people[person])
        statuses.append(client.get(files[name]).status_code)

    assert dict(zip(PEOPLE, statuses, strict=True)) == dict(zip(PEOPLE, EXPECTED[name], strict=True))
