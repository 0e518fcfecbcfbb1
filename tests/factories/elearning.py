from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from elearning.enums import CourseState, EnrolmentSource, QuestionKind
from elearning.models import (
    Choice,
    Course,
    Enrolment,
    Lesson,
    Module,
    Question,
    QuestionPool,
    Quiz,
    SessionRegistration,
    TrainingSession,
)
from tests.factories.accounts import UserFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title_en = factory.Sequence(lambda n: f"Course {n}")
    summary_en = "What the course is about."
    status = CourseState.PUBLISHED


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    title_en = factory.Sequence(lambda n: f"Module {n}")
    position = factory.Sequence(int)


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title_en = factory.Sequence(lambda n: f"Lesson {n}")
    body_en = "<p>The lesson.</p>"
    position = factory.Sequence(int)


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    course = factory.SubFactory(CourseFactory)
    title_en = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 70
    max_attempts = 3
    shuffle = False


class QuestionPoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionPool

    quiz = factory.SubFactory(QuizFactory)
    title_en = "Pool"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    pool = factory.SubFactory(QuestionPoolFactory)
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.SINGLE
    position = factory.Sequence(int)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text_en = factory.Sequence(lambda n: f"Answer {n}")
    is_correct = False
    feedback_en = factory.Sequence(lambda n: f"Feedback {n}")
    position = factory.Sequence(int)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    course = factory.SubFactory(CourseFactory)
    source = EnrolmentSource.SELF


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    title_en = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=2))
    time_zone = "Europe/Vienna"
    language = "en"
    capacity = 20


class SessionRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRegistration

    session = factory.SubFactory(TrainingSessionFactory)
    user = factory.SubFactory(UserFactory)


def build_quiz(course: Course, *, questions: int = 3, multiple: bool = False, **quiz_fields) -> Quiz:
    """A quiz whose every question has answers "right" (correct), "wrong" and, for multiple choice, "also right"."""
    quiz = QuizFactory(course=course, **quiz_fields)
    pool = QuestionPoolFactory(quiz=quiz)
    for _number in range(questions):
        question = QuestionFactory(pool=pool, kind=QuestionKind.MULTIPLE if multiple else QuestionKind.SINGLE)
        ChoiceFactory(question=question, text_en="right", is_correct=True, feedback_en="Well done: right.")
        ChoiceFactory(question=question, text_en="wrong", feedback_en="Sorry: wrong.")
        if multiple:
            ChoiceFactory(question=question, text_en="also right", is_correct=True, feedback_en="Yes: also right.")
    return quiz


def right_answers(attempt) -> dict[int, list[int]]:
    return {
        item["question"]: list(
            Choice.objects.filter(pk__in=item["choices"], is_correct=True).values_list("pk", flat=True)
        )
        for item in attempt.layout
    }


def wrong_answers(attempt) -> dict[int, list[int]]:
    return {
        item["question"]: list(
            Choice.objects.filter(pk__in=item["choices"], is_correct=False).values_list("pk", flat=True)[:1]
        )
        for item in attempt.layout
    }
