"""The courses API against the same permission rules as the learner and trainer pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from elearning import services
from elearning.enums import CourseState
from elearning.models import Enrolment
from tests.factories import SecretariatFactory
from tests.factories.elearning import CourseFactory, EnrolmentFactory, LessonFactory, build_quiz, right_answers

pytestmark = pytest.mark.django_db

PEOPLE = ("owner", "secretariat", "enrolled", "learner", "other_trainer", "anonymous")


@pytest.fixture
def people(trainer, other_trainer, learner, stranger, course):
    EnrolmentFactory(user=learner, course=course)
    return {
        "owner": trainer,
        "secretariat": SecretariatFactory(),
        "enrolled": learner,
        "learner": stranger,
        "other_trainer": other_trainer,
    }


@pytest.fixture
def draft(trainer):
    from elearning import permissions  # noqa: PLC0415 - only this fixture grants

    course = CourseFactory(title_en="Unfinished", status=CourseState.DRAFT)
    LessonFactory(module__course=course)
    permissions.grant_course_ownership(course, trainer)
    return course


def as_(person, people) -> APIClient:
    client = APIClient()
    if person != "anonymous":
        client.force_authenticate(people[person])
    return client


TABLE = {
    "published course": ("get", "/api/v1/courses/{course}/", (200, 200, 200, 200, 200, 401)),
    "draft course": ("get", "/api/v1/courses/{draft}/", (200, 200, 404, 404, 404, 401)),
    "learners of the course": ("get", "/api/v1/courses/{course}/learners/", (200, 200, 404, 404, 404, 401)),
    "learners of a draft": ("get", "/api/v1/courses/{draft}/learners/", (200, 200, 404, 404, 404, 401)),
    "enrol in the course": ("post", "/api/v1/courses/{course}/enrolment/", (201, 201, 200, 201, 201, 401)),
    "enrol in a draft": ("post", "/api/v1/courses/{draft}/enrolment/", (400, 400, 404, 404, 404, 401)),
}


@pytest.mark.parametrize("name", TABLE)
def test_courses_api_permission_table(people, course, draft, name):
    method, template, expected = TABLE[name]
    url = template.format(course=course.pk, draft=draft.pk)
    actual = [getattr(as_(person, people), method)(url).status_code for person in PEOPLE]
    assert dict(zip(PEOPLE, actual, strict=True)) == dict(zip(PEOPLE, expected, strict=True))


def test_the_list_shows_published_courses_and_ones_own_drafts_only(people, course, draft):
    learner_titles = [item["title"] for item in as_("learner", people).get("/api/v1/courses/").json()["results"]]
    owner_titles = [item["title"] for item in as_("owner", people).get("/api/v1/courses/").json()["results"]]
    other_titles = [item["title"] for item in as_("other_trainer", people).get("/api/v1/courses/").json()["results"]]

    assert learner_titles == ["Taking part"]
    assert sorted(owner_titles) == ["Taking part", "Unfinished"]
    assert other_titles == ["Taking part"]


def test_each_course_carries_the_requesters_own_progress(people, course, lessons):
    learner = people["enrolled"]
    services.mark_lesson_viewed(lessons[0], user=learner)
    services.mark_lesson_viewed(lessons[1], user=learner)

    mine = as_("enrolled", people).get("/api/v1/courses/").json()["results"][0]
    theirs = as_("learner", people).get("/api/v1/courses/").json()["results"][0]

    assert mine["lesson_count"] == 3
    assert mine["progress"]["lessons_viewed"] == 2
    assert mine["progress"]["lesson_total"] == 3
    assert mine["progress"]["next_lesson"] == lessons[2].pk
    assert mine["progress"]["quizzes"][0]["attempts"] == 0
    assert mine["progress"]["quizzes"][0]["passed"] is False
    assert mine["progress"]["completed_at"] is None
    assert theirs["progress"] is None


def test_completion_quiz_results_and_certificate_appear(people, course, lessons):
    learner = people["enrolled"]
    for lesson in lessons:
        services.mark_lesson_viewed(lesson, user=learner)
    attempt = services.start_attempt(course.quizzes.get(), user=learner)
    services.submit_attempt(attempt, answers=right_answers(attempt))

    body = as_("enrolled", people).get(f"/api/v1/courses/{course.pk}/").json()

    assert body["progress"]["percent"] == 100
    assert body["progress"]["quizzes"][0] == {
        "id": course.quizzes.get().pk,
        "title": course.quizzes.get().title,
        "pass_mark": 70,
        "best_score": 100,
        "attempts": 1,
        "passed": True,
    }
    assert body["progress"]["completed_at"] is not None
    certificate = Enrolment.objects.get(user=learner, course=course).certificate
    assert body["progress"]["certificate_code"] == certificate.code
    assert [lesson["viewed"] for module in body["modules"] for lesson in module["lessons"]] == [True, True, True]


def test_the_detail_never_reveals_quiz_answers(people, course):
    body = as_("enrolled", people).get(f"/api/v1/courses/{course.pk}/").content.decode()
    assert "is_correct" not in body
    assert "right" not in body.replace("copyright", "")


def test_enrolment_through_the_api_respects_the_prerequisite(people, course):
    advanced = CourseFactory(title_en="Advanced", prerequisite=course)
    client = as_("learner", people)

    refused = client.post(f"/api/v1/courses/{advanced.pk}/enrolment/")
    assert refused.status_code == 400
    assert "prerequisite" in refused.json()["course"][0]
    assert not Enrolment.objects.filter(user=people["learner"], course=advanced).exists()

    EnrolmentFactory(user=people["learner"], course=course, completed_at="2026-11-01T10:00:00Z")
    accepted = client.post(f"/api/v1/courses/{advanced.pk}/enrolment/")
    assert accepted.status_code == 201
    assert accepted.json()["lessons_viewed"] == 0


def test_the_enrolled_filter(people, course):
    CourseFactory(title_en="Another")
    client = as_("enrolled", people)
    enrolled = [item["title"] for item in client.get("/api/v1/courses/", {"enrolled": "true"}).json()["results"]]
    other = [item["title"] for item in client.get("/api/v1/courses/", {"enrolled": "false"}).json()["results"]]
    bad = client.get("/api/v1/courses/", {"enrolled": "1 OR 1=1"})

    assert enrolled == ["Taking part"]
    assert other == ["Another"]
    assert bad.status_code == 400
    assert list(bad.json()) == ["enrolled"]


def test_learners_list_shows_progress_to_the_owner(people, course, lessons):
    services.mark_lesson_viewed(lessons[0], user=people["enrolled"])
    rows = as_("owner", people).get(f"/api/v1/courses/{course.pk}/learners/").json()["results"]
    assert [(row["name"], row["lessons_viewed"], row["completed_at"]) for row in rows] == [("Lena Learner", 1, None)]


@pytest.mark.parametrize("count", [1, 5])
def test_course_list_query_count_is_constant(learner, django_assert_num_queries, count):
    for _number in range(count):
        course = CourseFactory()
        LessonFactory(module__course=course)
        build_quiz(course, questions=1)
        EnrolmentFactory(user=learner, course=course)
    client = APIClient()
    client.force_authenticate(learner)
    client.get("/api/v1/courses/")  # warm the content-type cache

    with django_assert_num_queries(7):
        response = client.get("/api/v1/courses/")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 5])
def test_learners_query_count_is_constant(trainer, course, django_assert_num_queries, count):
    for _number in range(count):
        EnrolmentFactory(course=course)
    client = APIClient()
    client.force_authenticate(trainer)
    client.get(f"/api/v1/courses/{course.pk}/learners/")  # warm the content-type cache

    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/courses/{course.pk}/learners/")
    assert response.json()["count"] == count
