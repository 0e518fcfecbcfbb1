from __future__ import annotations

import pytest
from django.core.management import call_command

from elearning.models import Certificate, Choice, Course, Enrolment, Lesson, Question, QuizAttempt, TrainingSession
from elearning.permissions import can_edit_course
from revmod.accounts.models import User
from revmod.core.translation_status import LANGUAGE_CODES, localized

pytestmark = pytest.mark.django_db

COUNTED = [Course, Lesson, Question, Choice, Enrolment, QuizAttempt, Certificate, TrainingSession]


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    first = counts()
    codes = set(Certificate.objects.values_list("code", flat=True))

    call_command("seed_demo")

    assert counts() == first
    assert set(Certificate.objects.values_list("code", flat=True)) == codes


def test_demo_onboarding_course_is_complete_in_seven_languages():
    call_command("seed_demo")
    course = Course.objects.get(title_en="Taking part in a country review")
    lessons = Lesson.objects.filter(module__course=course)
    questions = Question.objects.filter(pool__quiz__course=course)

    assert course.is_onboarding
    assert course.is_published
    assert lessons.count() >= 5
    assert questions.count() == 10
    for instance, fields in [(course, ["title", "summary"])] + [(lesson, ["title", "body"]) for lesson in lessons]:
        for language in LANGUAGE_CODES:
            for name in fields:
                assert getattr(instance, localized(name, language)), (instance, language, name)
    for choice in Choice.objects.filter(question__in=questions):
        assert all(getattr(choice, localized("feedback", language)) for language in LANGUAGE_CODES)
    assert all(question.choices.filter(is_correct=True).exists() for question in questions)


def test_demo_learners_are_at_various_stages_and_the_trainer_owns_the_course():
    call_command("seed_demo")
    course = Course.objects.get(title_en="Taking part in a country review")
    trainer = User.objects.get(email="trainer@example.org")

    completed = Enrolment.objects.filter(course=course, completed_at__isnull=False)
    started = Enrolment.objects.filter(course=course, completed_at__isnull=True, user__lesson_views__isnull=False)
    not_started = Enrolment.objects.filter(course=course, user__lesson_views__isnull=True)

    assert can_edit_course(trainer, course)
    assert completed.count() >= 3
    assert Certificate.objects.filter(enrolment__in=completed).count() == completed.count()
    assert started.distinct().count() >= 2
    assert not_started.count() >= 1
    assert TrainingSession.objects.count() >= 2
