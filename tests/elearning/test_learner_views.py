from __future__ import annotations

import pytest
from django.utils import timezone

from elearning import services
from elearning.enums import CourseState
from elearning.models import Certificate, Lesson, LessonView
from tests.factories import UserFactory
from tests.factories.elearning import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    TrainingSessionFactory,
    build_quiz,
    right_answers,
)

pytestmark = pytest.mark.django_db


def complete(course, user):
    services.enrol(user, course)
    for lesson in Lesson.objects.filter(module__course=course):
        services.mark_lesson_viewed(lesson, user=user)
    attempt = services.start_attempt(course.quizzes.get(), user=user)
    services.submit_attempt(attempt, answers=right_answers(attempt))
    return Certificate.objects.get(enrolment__user=user, enrolment__course=course)


# --- Catalogue and my learning ---------------------------------------------------------


def test_catalogue_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get("/en/learning/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


def test_catalogue_lists_published_courses_but_no_draft(client, course, learner):
    CourseFactory(title_en="Secret draft", status=CourseState.DRAFT)
    client.force_login(learner)

    response = client.get("/en/learning/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Taking part" in body
    assert "Secret draft" not in body


def test_catalogue_shows_the_learners_language_and_notes_an_english_fallback(client, learner):
    CourseFactory(title_en="Only English", title_fr="")
    CourseFactory(title_en="Translated", title_fr="Traduit", summary_fr="Résumé")
    client.force_login(learner)

    body = client.get("/fr/learning/").content.decode()

    assert "Traduit" in body
    assert "Only English" in body
    assert body.count('class="el-fallback"') == 1


@pytest.mark.parametrize("count", [1, 5])
def test_catalogue_query_count_does_not_grow_with_courses(client, learner, django_assert_num_queries, count):
    for _number in range(count):
        course = CourseFactory()
        LessonFactory(module__course=course)
    client.force_login(learner)
    client.get("/en/learning/")  # warm the content-type and session caches

    with django_assert_num_queries(4):
        client.get("/en/learning/")


@pytest.mark.parametrize("count", [1, 5])
def test_my_learning_query_count_does_not_grow_with_courses(client, learner, django_assert_num_queries, count):
    for _number in range(count):
        course = CourseFactory()
        LessonFactory(module__course=course)
        build_quiz(course, questions=1)
        EnrolmentFactory(user=learner, course=course)
    client.force_login(learner)
    client.get("/en/learning/my/")  # warm the content-type and session caches

    with django_assert_num_queries(9):
        client.get("/en/learning/my/")


def test_my_learning_shows_progress_and_the_next_step(client, course, lessons, learner):
    services.enrol(learner, course)
    services.mark_lesson_viewed(lessons[0], user=learner)
    client.force_login(learner)

    body = client.get("/en/learning/my/").content.decode()

    assert "1 of 3 lessons" in body
    assert f'href="/en/learning/lessons/{lessons[1].pk}/"' in body
    assert "not attempted" in body


# --- Course, enrolment and lessons ---------------------------------------------------------


def test_learner_enrols_themselves(client, course, learner):
    client.force_login(learner)

    response = client.post(f"/en/learning/courses/{course.pk}/enrol/")

    assert response["Location"] == f"/en/learning/courses/{course.pk}/"
    assert learner.enrolments.get().course == course


def test_draft_course_page_is_hidden_from_learners(client, learner, trainer):
    draft = CourseFactory(status=CourseState.DRAFT)
    client.force_login(learner)

    assert client.get(f"/en/learning/courses/{draft.pk}/").status_code == 404
    assert client.post(f"/en/learning/courses/{draft.pk}/enrol/").status_code == 404


def test_lesson_opens_to_an_enrolled_learner_only(client, course, lessons, learner, stranger):
    services.enrol(learner, course)
    url = f"/en/learning/lessons/{lessons[0].pk}/"

    client.force_login(stranger)
    stranger_status = client.get(url).status_code
    client.force_login(learner)
    response = client.get(url)

    assert stranger_status == 404
    assert response.status_code == 200
    assert "<p>The lesson.</p>" in response.content.decode()


def test_lesson_is_open_to_its_trainer_for_preview(client, course, lessons, trainer, other_trainer):
    client.force_login(other_trainer)
    other_status = client.get(f"/en/learning/lessons/{lessons[0].pk}/").status_code
    client.force_login(trainer)

    assert other_status == 404
    assert client.get(f"/en/learning/lessons/{lessons[0].pk}/").status_code == 200


def test_lesson_of_a_draft_course_is_hidden_even_from_an_enrolled_learner(client, course, lessons, learner):
    services.enrol(learner, course)
    course.status = CourseState.DRAFT
    course.save()
    client.force_login(learner)

    assert client.get(f"/en/learning/lessons/{lessons[0].pk}/").status_code == 404


def test_marking_a_lesson_viewed_moves_on_to_the_next(client, course, lessons, learner):
    services.enrol(learner, course)
    client.force_login(learner)

    response = client.post(f"/en/learning/lessons/{lessons[0].pk}/viewed/")

    assert response["Location"] == f"/en/learning/lessons/{lessons[1].pk}/"
    assert LessonView.objects.filter(user=learner, lesson=lessons[0]).exists()


def test_lesson_in_arabic_falls_back_to_english_with_a_note(client, course, lessons, learner):
    services.enrol(learner, course)
    client.force_login(learner)

    body = client.get(f"/ar/learning/lessons/{lessons[0].pk}/").content.decode()

    assert 'dir="rtl"' in body
    assert 'class="el-fallback"' in body
    assert 'lang="en" dir="ltr"' in body


# --- Quizzes: secrecy and feedback -----------------------------------------------------------


def test_quiz_page_never_reveals_the_correct_answers_before_submission(client, course, learner):
    services.enrol(learner, course)
    client.force_login(learner)
    quiz = course.quizzes.get()

    start = client.post(f"/en/learning/quizzes/{quiz.pk}/start/")
    attempt_page = client.get(start["Location"])
    result_before = client.get(start["Location"] + "result/")

    body = attempt_page.content.decode()
    assert attempt_page.status_code == 200
    assert body.count('type="radio"') == 6
    assert "Well done" not in body
    assert "Sorry" not in body
    assert "correct" not in body.lower()
    assert result_before["Location"] == start["Location"]


def test_quiz_submission_scores_and_shows_feedback(client, course, learner):
    services.enrol(learner, course)
    client.force_login(learner)
    attempt = services.start_attempt(course.quizzes.get(), user=learner)
    answers = right_answers(attempt)
    data = {f"q{question}": [str(pk) for pk in choices] for question, choices in answers.items()}

    response = client.post(f"/en/learning/attempts/{attempt.pk}/", data)
    result = client.get(response["Location"])

    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    assert "Your score: 100%" in result.content.decode()
    assert "Well done: right." in result.content.decode()


def test_another_persons_attempt_is_not_found(client, course, learner, stranger):
    attempt = services.start_attempt(course.quizzes.get(), user=learner)
    client.force_login(stranger)

    assert client.get(f"/en/learning/attempts/{attempt.pk}/").status_code == 404
    assert client.get(f"/en/learning/attempts/{attempt.pk}/result/").status_code == 404


def test_quiz_of_a_course_not_taken_is_not_found(client, course, stranger):
    client.force_login(stranger)

    assert client.post(f"/en/learning/quizzes/{course.quizzes.get().pk}/start/").status_code == 404


# --- Certificates ------------------------------------------------------------------------------


def test_learner_downloads_their_certificate_as_pdf(client, course, learner):
    certificate = complete(course, learner)
    client.force_login(learner)

    response = client.get(f"/en/learning/certificates/{certificate.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_certificate_of_someone_else_is_not_found(client, course, learner, stranger):
    certificate = complete(course, learner)
    client.force_login(stranger)

    assert client.get(f"/en/learning/certificates/{certificate.pk}/").status_code == 404


def test_verification_page_is_public_and_shows_only_course_and_date(client, course, learner):
    certificate = complete(course, learner)

    response = client.get(f"/en/learning/verify/{certificate.code}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine." in body
    assert "Taking part" in body
    assert learner.full_name not in body
    assert learner.email not in body


def test_verification_of_an_unknown_code_says_it_is_not_valid(client):
    response = client.get("/en/learning/verify/AAAA-BBBB-CCCC/")

    assert response.status_code == 404
    assert "not a valid" in response.content.decode()


def test_verification_form_redirects_to_the_code(client):
    response = client.get("/en/learning/verify/", {"code": " abcd-efgh-jklm "})

    assert response["Location"] == "/en/learning/verify/ABCD-EFGH-JKLM/"


# --- Training sessions ---------------------------------------------------------------------------


def test_learner_registers_for_a_session(client, course, learner):
    session = TrainingSessionFactory(course=course)
    client.force_login(learner)

    client.post(f"/en/learning/sessions/{session.pk}/register/")

    assert session.registrations.get().user == learner


def test_session_of_a_draft_course_is_not_found(client, learner):
    session = TrainingSessionFactory(course=CourseFactory(status=CourseState.DRAFT))
    client.force_login(learner)

    assert client.post(f"/en/learning/sessions/{session.pk}/register/").status_code == 404


def test_completed_course_shows_in_my_learning_with_the_certificate(client, course, learner):
    certificate = complete(course, learner)
    client.force_login(learner)

    body = client.get("/en/learning/my/").content.decode()

    assert f"/en/learning/certificates/{certificate.pk}/" in body
    assert timezone.now().strftime("%Y") in body


def test_sessions_page_lists_upcoming_sessions(client, course, learner):
    TrainingSessionFactory(course=course, title_en="Vienna week")
    client.force_login(UserFactory())

    assert "Vienna week" in client.get("/en/learning/sessions/").content.decode()
