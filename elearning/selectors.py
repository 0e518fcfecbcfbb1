"""Reads of the e-learning module. Querysets come back with what their pages need already joined."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from elearning import permissions
from elearning.enums import CourseState
from elearning.models import (
    Certificate,
    Choice,
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    LessonView,
    Module,
    Question,
    QuestionPool,
    Quiz,
    QuizAttempt,
    SessionRegistration,
    TrainingSession,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def has_completed_onboarding(user) -> bool:
    """True when the person completed every published onboarding course (true when there is none)."""
    completed = Enrolment.objects.filter(user=user, completed_at__isnull=False).values("course_id")
    return (
        not Course.objects.filter(status=CourseState.PUBLISHED, is_onboarding=True).exclude(pk__in=completed).exists()
    )


def catalogue_for(user) -> QuerySet[Course]:
    return (
        permissions.courses_visible_to(user)
        .filter(status=CourseState.PUBLISHED)
        .annotate(
            lesson_count=Count("modules__lessons", distinct=True),
            enrolled=Exists(Enrolment.objects.filter(user=user, course=OuterRef("pk"))),
        )
        .order_by("-is_onboarding", "title", "pk")
    )


def get_course_for_user(user, pk: int) -> Course:
    return get_object_or_404(permissions.courses_visible_to(user).select_related("prerequisite"), pk=pk)


def course_outline(course: Course) -> QuerySet[Module]:
    return course.modules.prefetch_related(Prefetch("lessons", queryset=Lesson.objects.order_by("position", "pk")))


def enrolment_of(user, course: Course) -> Enrolment | None:
    return Enrolment.objects.filter(user=user, course=course).select_related("certificate").first()


def get_lesson_for_learner(user, pk: int) -> Lesson:
    lesson: Lesson = get_object_or_404(
        Lesson.objects.select_related("module__course").prefetch_related("videos", "files"), pk=pk
    )
    if not permissions.can_view_lesson(user, lesson):
        raise Http404
    return lesson


def get_file_for_learner(user, pk: int) -> LessonFile:
    lesson_file = get_object_or_404(LessonFile.objects.select_related("lesson__module__course"), pk=pk)
    if not permissions.can_view_lesson(user, lesson_file.lesson):
        raise Http404
    return lesson_file


def get_quiz_for_learner(user, pk: int) -> Quiz:
    quiz: Quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    enrolled = Enrolment.objects.filter(user=user, course=quiz.course).exists()
    if not permissions.can_study_course(user, quiz.course, enrolled=enrolled):
        raise Http404
    return quiz


def get_own_attempt(user, pk: int) -> QuizAttempt:
    return get_object_or_404(QuizAttempt.objects.select_related("quiz__course"), pk=pk, user=user)


def attempts_of(user, quiz: Quiz) -> QuerySet[QuizAttempt]:
    return QuizAttempt.objects.filter(user=user, quiz=quiz).order_by("number")


def lesson_neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    ordered = list(Lesson.objects.filter(module__course_id=lesson.module.course_id).values_list("pk", flat=True))
    index = ordered.index(lesson.pk)
    previous_pk = ordered[index - 1] if index > 0 else None
    next_pk = ordered[index + 1] if index + 1 < len(ordered) else None
    found = Lesson.objects.in_bulk([pk for pk in (previous_pk, next_pk) if pk])
    return found.get(previous_pk), found.get(next_pk)


def has_viewed(user, lesson: Lesson) -> bool:
    return LessonView.objects.filter(user=user, lesson=lesson).exists()


def attempt_questions(attempt: QuizAttempt) -> list[dict]:
    """The attempt's questions with their answers in the drawn order; what the learner chose once submitted."""
    question_ids = [item["question"] for item in attempt.layout]
    questions = Question.objects.in_bulk(question_ids)
    choices = Choice.objects.in_bulk([pk for item in attempt.layout for pk in item["choices"]])
    rows = []
    for item in attempt.layout:
        question = questions.get(item["question"])
        if question is None:
            continue
        chosen = set(attempt.answers.get(str(question.pk), []))
        options = [choices[pk] for pk in item["choices"] if pk in choices]
        correct = {choice.pk for choice in options if choice.is_correct}
        rows.append(
            {
                "question": question,
                "choices": [{"choice": choice, "chosen": choice.pk in chosen} for choice in options],
                "right": bool(chosen) and chosen == correct,
            }
        )
    return rows


# --- A learner's page ------------------------------------------------------------


@dataclass
class CourseProgress:
    enrolment: Enrolment
    lesson_total: int = 0
    lessons_viewed: int = 0
    quizzes: list[dict] = field(default_factory=list)
    next_lesson: Lesson | None = None
    next_quiz: Quiz | None = None

    @property
    def course(self) -> Course:
        return self.enrolment.course

    @property
    def percent(self) -> int:
        steps = self.lesson_total + len(self.quizzes)
        done = self.lessons_viewed + sum(1 for quiz in self.quizzes if quiz["passed"])
        return round(100 * done / steps) if steps else 0


def learner_progress(user, *, course_ids=None) -> list[CourseProgress]:
    """Every course of a learner (or those of ``course_ids``) with lessons viewed, quiz results and the next step.

    A fixed number of queries, however many courses.
    """
    own = Enrolment.objects.filter(user=user)
    if course_ids is not None:
        own = own.filter(course_id__in=course_ids)
    enrolments = list(own.select_related("course", "certificate").order_by("completed_at", "-enrolled_at"))
    course_ids = [enrolment.course_id for enrolment in enrolments]
    lessons = list(
        Lesson.objects.filter(module__course_id__in=course_ids)
        .select_related("module")
        .order_by("module__position", "module_id", "position", "pk")
    )
    viewed = set(LessonView.objects.filter(user=user, lesson__in=lessons).values_list("lesson_id", flat=True))
    quizzes = list(Quiz.objects.filter(course_id__in=course_ids).order_by("position", "pk"))
    results = {
        row["quiz_id"]: row
        for row in QuizAttempt.objects.filter(user=user, quiz__in=quizzes, submitted_at__isnull=False)
        .values("quiz_id")
        .annotate(best=Max("score"), tries=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    }
    progress = {enrolment.course_id: CourseProgress(enrolment) for enrolment in enrolments}
    for lesson in lessons:
        item = progress[lesson.module.course_id]
        item.lesson_total += 1
        if lesson.pk in viewed:
            item.lessons_viewed += 1
        elif item.next_lesson is None:
            item.next_lesson = lesson
    for quiz in quizzes:
        result: Mapping[str, Any] = results.get(quiz.pk, {})
        item = progress[quiz.course_id]
        passed = bool(result.get("passed"))
        item.quizzes.append(
            {"quiz": quiz, "best": result.get("best"), "tries": result.get("tries", 0), "passed": passed}
        )
        if not passed and item.next_quiz is None:
            item.next_quiz = quiz
    return list(progress.values())


class SessionSeats(TypedDict):
    registered: int
    is_registered: bool


def upcoming_sessions_for(user) -> QuerySet[WithAnnotations[TrainingSession, SessionSeats]]:
    return (
        TrainingSession.objects.filter(
            ends_at__gte=timezone.now(), course__in=permissions.courses_visible_to(user).values("pk")
        )
        .select_related("course")
        .annotate(
            registered=Count("registrations", distinct=True),
            is_registered=Exists(SessionRegistration.objects.filter(user=user, session=OuterRef("pk"))),
        )
    )


def get_session_for_user(user, pk: int) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.filter(course__in=permissions.courses_visible_to(user).values("pk")), pk=pk
    )


def own_certificate(user, pk: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__course", "enrolment__user"), pk=pk, enrolment__user=user
    )


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__course").filter(code__iexact=code.strip()).first()
        if code
        else None
    )


# --- Trainer pages ------------------------------------------------------------------


def courses_managed_by(user) -> QuerySet[Course]:
    return (
        permissions.courses_editable_by(user)
        .annotate(
            learner_count=Count("enrolments", distinct=True),
            completed_count=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True),
        )
        .order_by("title", "pk")
    )


def get_course_for_editor(user, pk: int) -> Course:
    course = get_object_or_404(Course, pk=pk)
    if not permissions.can_edit_course(user, course):
        raise Http404
    return course


def course_tree(course: Course) -> dict:
    """Everything a trainer edits in a course, for the overview page."""
    modules = list(
        course.modules.prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.prefetch_related("videos", "files"))
        )
    )
    quizzes = list(
        course.quizzes.prefetch_related(
            Prefetch(
                "pools",
                queryset=QuestionPool.objects.prefetch_related(
                    Prefetch(
                        "questions",
                        queryset=Question.objects.prefetch_related(Prefetch("choices", queryset=Choice.objects.all())),
                    )
                ),
            )
        )
    )
    return {"modules": modules, "quizzes": quizzes}


def learners_of(course: Course) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(course=course)
        .select_related("user__state", "certificate")
        .annotate(
            viewed=Count(
                "user__lesson_views", filter=Q(user__lesson_views__lesson__module__course=course), distinct=True
            )
        )
        .order_by("user__full_name", "pk")
    )


def sessions_managed_by(user) -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(course__in=permissions.courses_editable_by(user).values("pk"))
        .select_related("course")
        .annotate(
            registered=Count("registrations", distinct=True),
            attended=Count("registrations", filter=Q(registrations__attended=True), distinct=True),
        )
    )


def get_session_for_editor(user, pk: int) -> TrainingSession:
    session: TrainingSession = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    if not permissions.can_manage_session(user, session):
        raise Http404
    return session


def viewed_lesson_ids(user, course: Course) -> set[int]:
    return set(LessonView.objects.filter(user=user, lesson__module__course=course).values_list("lesson_id", flat=True))
