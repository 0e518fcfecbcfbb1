"""Every trainer page of a course, with real ids, for the people who may not use it.

Another trainer, a learner enrolled in the course, the secretariat and anonymous visitors, by
GET and by POST: only the course's owner and the secretariat get in; the others get 404
(anonymous visitors are sent to sign in), and nothing they post changes anything.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from elearning import permissions
from elearning.models import Course, LessonFile, LessonVideo, Module, Question, QuestionPool, Quiz, TrainingSession
from tests.factories import SecretariatFactory
from tests.factories.elearning import EnrolmentFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

ROUTES = [
    "/en/learning/manage/courses/{course}/",
    "/en/learning/manage/courses/{course}/edit/",
    "/en/learning/manage/courses/{course}/modules/new/",
    "/en/learning/manage/courses/{course}/quizzes/new/",
    "/en/learning/manage/courses/{course}/learners/",
    "/en/learning/manage/courses/{course}/sessions/new/",
    "/en/learning/manage/modules/{module}/edit/",
    "/en/learning/manage/modules/{module}/lessons/new/",
    "/en/learning/manage/lessons/{lesson}/edit/",
    "/en/learning/manage/lessons/{lesson}/videos/new/",
    "/en/learning/manage/lessons/{lesson}/files/new/",
    "/en/learning/manage/videos/{video}/edit/",
    "/en/learning/manage/quizzes/{quiz}/edit/",
    "/en/learning/manage/quizzes/{quiz}/pools/new/",
    "/en/learning/manage/pools/{pool}/edit/",
    "/en/learning/manage/pools/{pool}/questions/new/",
    "/en/learning/manage/questions/{question}/edit/",
    "/en/learning/manage/sessions/{session}/edit/",
    "/en/learning/manage/sessions/{session}/attendance/",
]
POST_ONLY = [
    "/en/learning/manage/files/{file}/delete/",
    "/en/learning/manage/courses/{course}/owners/{owner}/revoke/",
]


@pytest.fixture
def ids(course, lessons, trainer):
    lesson = lessons[0]
    quiz = course.quizzes.get()
    pool = quiz.pools.first()
    video = LessonVideo.objects.create(lesson=lesson, url="https://example.org/v", title_en="Video")
    lesson_file = LessonFile.objects.create(
        lesson=lesson,
        title="Handout",
        file=ContentFile(b"%PDF-1.4 handout", name="handout.pdf"),
        content_type="application/pdf",
        size=16,
        original_name="handout.pdf",
    )
    session = TrainingSessionFactory(course=course, starts_at=timezone.now() + timezone.timedelta(days=3))
    return {
        "course": course.pk,
        "module": lesson.module_id,
        "lesson": lesson.pk,
        "video": video.pk,
        "file": lesson_file.pk,
        "quiz": quiz.pk,
        "pool": pool.pk,
        "question": pool.questions.first().pk,
        "session": session.pk,
        "owner": trainer.pk,
    }


def snapshot(course: Course) -> tuple:
    """What a forbidden POST could have changed."""
    return (
        Course.objects.filter(pk=course.pk).values_list("title_en", "status").get(),
        Module.objects.filter(course=course).count(),
        Quiz.objects.filter(course=course).count(),
        QuestionPool.objects.filter(quiz__course=course).count(),
        Question.objects.filter(pool__quiz__course=course).count(),
        LessonVideo.objects.filter(lesson__module__course=course).count(),
        LessonFile.objects.filter(lesson__module__course=course).count(),
        tuple(permissions.course_owners(course).values_list("pk", flat=True)),
        TrainingSession.objects.filter(course=course).count(),
    )


@pytest.mark.parametrize("who", ["other_trainer", "learner"])
def test_people_who_do_not_edit_the_course_get_404_everywhere(client, request, course, ids, who):
    person = request.getfixturevalue(who)
    EnrolmentFactory(user=request.getfixturevalue("learner"), course=course)
    before = snapshot(course)
    client.force_login(person)
    data = {"title_en": "Hijacked", "status": "archived", "url": "https://evil.example", "present": []}

    refused = {
        route: (client.get(route.format(**ids)).status_code, client.post(route.format(**ids), data).status_code)
        for route in ROUTES
    }
    refused |= {route: (None, client.post(route.format(**ids), data).status_code) for route in POST_ONLY}

    assert {route: codes for route, codes in refused.items() if set(codes) - {404, None}} == {}
    assert snapshot(course) == before


def test_anonymous_visitors_are_sent_to_sign_in(client, course, ids):
    for route in ROUTES + POST_ONLY:
        url = route.format(**ids)
        response = client.post(url, {"title_en": "Hijacked"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/en/accounts/sign-in/"), url


@pytest.mark.parametrize("who", ["trainer", "secretariat"])
def test_the_owner_and_the_secretariat_reach_every_page(client, request, course, ids, who):
    person = SecretariatFactory() if who == "secretariat" else request.getfixturevalue("trainer")
    client.force_login(person)

    reached = {route: client.get(route.format(**ids)).status_code for route in ROUTES}

    assert {route: status for route, status in reached.items() if status != 200} == {}
