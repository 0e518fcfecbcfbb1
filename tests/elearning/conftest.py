from __future__ import annotations

import pytest

from elearning import permissions
from elearning.models import Lesson
from tests.factories import TrainerFactory, UserFactory
from tests.factories.elearning import CourseFactory, LessonFactory, ModuleFactory, build_quiz


@pytest.fixture
def trainer(db):
    return TrainerFactory(full_name="Tariq Trainer")


@pytest.fixture
def other_trainer(db):
    return TrainerFactory(full_name="Olga Other")


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Lena Learner", nominated_role="focal_point")


@pytest.fixture
def stranger(db):
    return UserFactory(full_name="Sam Stranger")


@pytest.fixture
def course(trainer):
    """A published course owned by ``trainer``: two modules, three lessons and a three-question quiz."""
    course = CourseFactory(title_en="Taking part", title_fr="Participer")
    first, second = ModuleFactory(course=course, position=1), ModuleFactory(course=course, position=2)
    LessonFactory(module=first, position=1, title_en="One")
    LessonFactory(module=first, position=2, title_en="Two")
    LessonFactory(module=second, position=1, title_en="Three")
    build_quiz(course, questions=3)
    permissions.grant_course_ownership(course, trainer)
    return course


@pytest.fixture
def lessons(course):
    return list(Lesson.objects.filter(module__course=course).order_by("module__position", "position"))
