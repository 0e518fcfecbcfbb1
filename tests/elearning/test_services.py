from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elearning import services
from elearning.enums import CourseState, EnrolmentSource
from elearning.models import Certificate, Enrolment, LessonView, QuizAttempt
from elearning.selectors import has_completed_onboarding, learner_progress
from revmod.audit.enums import AuditAction
from revmod.audit.models import AuditEntry
from tests.factories import SecretariatFactory, UserFactory
from tests.factories.elearning import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    QuestionFactory,
    QuestionPoolFactory,
    SessionRegistrationFactory,
    TrainingSessionFactory,
    build_quiz,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


# --- Enrolment -------------------------------------------------------------------


def test_enrol_twice_returns_the_first_enrolment(course, learner):
    first = services.enrol(learner, course)

    second = services.enrol(learner, course, source=EnrolmentSource.TRAINER)

    assert second == first
    assert Enrolment.objects.filter(user=learner).count() == 1
    assert second.source == EnrolmentSource.SELF


@pytest.mark.parametrize("status", [CourseState.DRAFT, CourseState.ARCHIVED])
def test_enrol_refuses_a_course_that_is_not_published(learner, status):
    course = CourseFactory(status=status)

    with pytest.raises(ValidationError):
        services.enrol(learner, course)

    assert not Enrolment.objects.exists()


def test_enrol_requires_the_prerequisite_when_the_learner_enrols_themselves(course, learner):
    advanced = CourseFactory(prerequisite=course)

    with pytest.raises(ValidationError):
        services.enrol(learner, advanced)
    EnrolmentFactory(user=learner, course=course, completed_at=timezone.now())
    enrolment = services.enrol(learner, advanced)

    assert enrolment.course == advanced


def test_enrol_in_onboarding_enrols_in_every_published_onboarding_course_once(learner):
    onboarding = [CourseFactory(is_onboarding=True), CourseFactory(is_onboarding=True)]
    CourseFactory(is_onboarding=True, status=CourseState.DRAFT)
    CourseFactory(is_onboarding=False)

    services.enrol_in_onboarding(learner)
    services.enrol_in_onboarding(learner)

    enrolments = Enrolment.objects.filter(user=learner)
    assert sorted(enrolments.values_list("course_id", flat=True)) == sorted(course.pk for course in onboarding)
    assert set(enrolments.values_list("source", flat=True)) == {EnrolmentSource.AUTOMATIC}


def test_enrol_in_onboarding_by_a_trainer_records_who_enrolled(learner, trainer):
    CourseFactory(is_onboarding=True)

    [enrolment] = services.enrol_in_onboarding(learner, by=trainer)

    assert (enrolment.source, enrolment.enrolled_by) == (EnrolmentSource.TRAINER, trainer)


def test_has_completed_onboarding_only_after_every_onboarding_course(learner):
    first, second = CourseFactory(is_onboarding=True), CourseFactory(is_onboarding=True)
    EnrolmentFactory(user=learner, course=first, completed_at=timezone.now())

    before = has_completed_onboarding(learner)
    EnrolmentFactory(user=learner, course=second, completed_at=timezone.now())

    assert before is False
    assert has_completed_onboarding(learner) is True


def test_has_completed_onboarding_is_true_when_there_is_no_onboarding_course(learner):
    assert has_completed_onboarding(learner) is True


# --- Progress and completion -----------------------------------------------------


def test_progress_counts_lessons_viewed_and_names_the_next_lesson(course, lessons, learner):
    services.enrol(learner, course)
    services.mark_lesson_viewed(lessons[0], user=learner)
    services.mark_lesson_viewed(lessons[0], user=learner)

    [progress] = learner_progress(learner)

    assert (progress.lessons_viewed, progress.lesson_total) == (1, 3)
    assert progress.next_lesson == lessons[1]
    assert LessonView.objects.filter(user=learner).count() == 1


def test_completion_needs_every_lesson_and_the_quiz_and_is_recorded_once(course, lessons, learner):
    enrolment = services.enrol(learner, course)
    quiz = course.quizzes.get()
    for lesson in lessons:
        services.mark_lesson_viewed(lesson, user=learner)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    attempt = services.start_attempt(quiz, user=learner)
    services.submit_attempt(attempt, answers=right_answers(attempt))
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    services.mark_lesson_viewed(lessons[0], user=learner)
    enrolment.refresh_from_db()

    assert completed_at is not None
    assert enrolment.completed_at == completed_at
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert enrolment.certificate.issued_at == completed_at


def test_completion_without_the_quiz_rule_needs_only_the_lessons(course, lessons, learner):
    course.requires_quizzes_passed = False
    course.save()
    enrolment = services.enrol(learner, course)

    for lesson in lessons:
        services.mark_lesson_viewed(lesson, user=learner)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_certificate_codes_are_unique_and_readable(course, lessons):
    course.requires_quizzes_passed = False
    course.save()
    codes = set()
    for _number in range(5):
        user = UserFactory()
        services.enrol(user, course)
        for lesson in lessons:
            services.mark_lesson_viewed(lesson, user=user)
        codes.add(Certificate.objects.get(enrolment__user=user).code)

    assert len(codes) == 5
    assert all(len(code) == 14 and code.count("-") == 2 and "0" not in code and "O" not in code for code in codes)


# --- Quizzes -----------------------------------------------------------------------


def test_quiz_scores_on_the_server(course, learner):
    quiz = course.quizzes.get()
    attempt = services.start_attempt(quiz, user=learner)
    answers = right_answers(attempt)
    first_question = attempt.layout[0]["question"]
    answers[first_question] = wrong_answers(attempt)[first_question]

    attempt = services.submit_attempt(attempt, answers=answers)

    assert (attempt.score, attempt.passed) == (67, False)


def test_multiple_choice_counts_only_when_exactly_right(learner):
    course = CourseFactory()
    quiz = build_quiz(course, questions=2, multiple=True, pass_mark=50)
    attempt = services.start_attempt(quiz, user=learner)
    first, second = (item["question"] for item in attempt.layout)
    correct = right_answers(attempt)

    attempt = services.submit_attempt(attempt, answers={first: correct[first], second: correct[second][:1]})

    assert (attempt.score, attempt.passed) == (50, True)


def test_single_choice_with_two_answers_ticked_counts_as_wrong(course, learner):
    quiz = course.quizzes.get()
    attempt = services.start_attempt(quiz, user=learner)
    answers = right_answers(attempt)
    question = attempt.layout[0]["question"]
    answers[question] = attempt.layout[0]["choices"]

    attempt = services.submit_attempt(attempt, answers=answers)

    assert attempt.score == 67
    assert attempt.answers[str(question)] == []


def test_answers_not_offered_in_the_attempt_are_ignored(course, learner):
    quiz = course.quizzes.get()
    other_quiz = build_quiz(CourseFactory(), questions=1)
    attempt = services.start_attempt(quiz, user=learner)
    foreign = services.start_attempt(other_quiz, user=learner)
    answers = {attempt.layout[0]["question"]: next(iter(right_answers(foreign).values()))}

    attempt = services.submit_attempt(attempt, answers=answers)

    assert attempt.score == 0


def test_pool_draws_the_number_of_questions_asked_for(learner):
    quiz = build_quiz(CourseFactory(), questions=6)
    quiz.pools.update(draw_count=4)

    attempt = services.start_attempt(quiz, user=learner, rng=random.Random(1))

    assert len(attempt.layout) == 4
    assert len({item["question"] for item in attempt.layout}) == 4


def test_every_pool_contributes_its_draw(learner):
    quiz = build_quiz(CourseFactory(), questions=3)
    second_pool = QuestionPoolFactory(quiz=quiz, draw_count=1)
    QuestionFactory(pool=second_pool)
    QuestionFactory(pool=second_pool)

    attempt = services.start_attempt(quiz, user=learner)

    assert len(attempt.layout) == 4


def test_shuffled_quiz_changes_the_order_between_attempts(learner):
    quiz = build_quiz(CourseFactory(), questions=8, shuffle=True, max_attempts=0)
    orders = set()
    rng = random.Random(7)
    for _number in range(3):
        attempt = services.start_attempt(quiz, user=learner, rng=rng)
        orders.add(tuple(item["question"] for item in attempt.layout))
        services.submit_attempt(attempt, answers={})

    assert len(orders) > 1


def test_starting_twice_returns_the_open_attempt(course, learner):
    quiz = course.quizzes.get()

    first = services.start_attempt(quiz, user=learner)
    second = services.start_attempt(quiz, user=learner)

    assert first == second


def test_attempts_are_limited(course, learner):
    quiz = course.quizzes.get()
    for _number in range(quiz.max_attempts):
        attempt = services.start_attempt(quiz, user=learner)
        services.submit_attempt(attempt, answers=wrong_answers(attempt))

    with pytest.raises(ValidationError):
        services.start_attempt(quiz, user=learner)

    assert QuizAttempt.objects.filter(user=learner).count() == 3
    assert services.attempts_left(quiz, user=learner) == 0


def test_no_new_attempt_after_passing(course, learner):
    quiz = course.quizzes.get()
    attempt = services.start_attempt(quiz, user=learner)
    services.submit_attempt(attempt, answers=right_answers(attempt))

    with pytest.raises(ValidationError):
        services.start_attempt(quiz, user=learner)


def test_an_attempt_cannot_be_submitted_twice(course, learner):
    attempt = services.start_attempt(course.quizzes.get(), user=learner)
    services.submit_attempt(attempt, answers=wrong_answers(attempt))

    with pytest.raises(ValidationError):
        services.submit_attempt(attempt, answers=right_answers(attempt))

    attempt.refresh_from_db()
    assert attempt.score == 0


# --- Training sessions and reminders -------------------------------------------------


def test_registration_respects_capacity(learner):
    session = TrainingSessionFactory(capacity=1)
    services.register_for_session(session, user=learner)

    with pytest.raises(ValidationError):
        services.register_for_session(session, user=UserFactory())

    assert services.register_for_session(session, user=learner).user == learner


def test_registration_closes_when_the_session_starts(learner):
    session = TrainingSessionFactory(starts_at=timezone.now() - timedelta(minutes=5))

    with pytest.raises(ValidationError):
        services.register_for_session(session, user=learner)


def test_attendance_marks_exactly_those_present():
    session = TrainingSessionFactory()
    present, absent = SessionRegistrationFactory(session=session), SessionRegistrationFactory(session=session)
    absent.attended = True
    absent.save()

    services.record_attendance(session, present_user_ids={present.user_id})

    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)


def test_lesson_factory_belongs_to_a_course():
    lesson = LessonFactory()

    assert lesson.module.course.pk


def test_giving_and_taking_a_course_is_in_the_audit_trail(course, other_trainer):
    secretariat = SecretariatFactory()
    services.grant_ownership(course, trainer=other_trainer, by=secretariat)
    services.revoke_ownership(course, trainer=other_trainer, by=secretariat)

    entries = AuditEntry.objects.filter(target_type="elearning.Course", target_id=str(course.pk)).order_by("pk")
    assert [(entry.action, entry.actor, entry.data["trainer"]) for entry in entries] == [
        (AuditAction.COURSE_OWNER_ADDED, secretariat, other_trainer.email),
        (AuditAction.COURSE_OWNER_REMOVED, secretariat, other_trainer.email),
    ]
