"""Demo data of the e-learning module (``manage.py seed_demo``). Running it twice changes nothing."""

from __future__ import annotations

import random
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elearning import permissions, services
from elearning.enums import CourseState, EnrolmentSource
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
from elearning.richtext import sanitize_html
from revmod.core.translation_status import LANGUAGE_CODES, localized, stamp_changed_languages

CONTENT_DIR = Path(__file__).parent / "content" / "onboarding"
TRAINER_EMAIL = "trainer@example.org"

# Demo learners and how far they got: (e-mail, lessons viewed, quiz outcome).
LEARNERS = [
    ("fp.fra@example.org", 5, "pass"),
    ("fp.egy@example.org", 5, "pass"),
    ("fp.chn@example.org", 5, "pass"),
    ("fp.rus@example.org", 5, "pass"),
    ("expert.egy@example.org", 3, None),
    ("expert.chn@example.org", 2, None),
    ("expert.bra@example.org", 5, "fail"),
    ("fp.mex@example.org", 0, None),
    ("expert.ken@example.org", 0, None),
]


@cache
def load_sessions() -> list[dict]:
    return yaml.safe_load((CONTENT_DIR.parent / "sessions.yaml").read_text(encoding="utf-8"))


@cache
def load_content() -> tuple[dict, dict[str, dict]]:
    """The course's shape and its text in every language."""
    structure = yaml.safe_load((CONTENT_DIR / "structure.yaml").read_text(encoding="utf-8"))
    texts = {
        language: yaml.safe_load((CONTENT_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
        for language in LANGUAGE_CODES
    }
    return structure, texts


def _fill(instance, name: str, values: dict[str, str]) -> None:
    for language, value in values.items():
        setattr(instance, localized(name, language), value)


def _save(instance, **texts: dict[str, str]):
    for name, values in texts.items():
        _fill(instance, name, values)
    stamp_changed_languages(instance, before=None)
    instance.save()
    return instance


def _per_language(texts: dict[str, dict], *path: str) -> dict[str, str]:
    result = {}
    for language, tree in texts.items():
        node: Any = tree
        for key in path:
            node = node[key]
        result[language] = node.strip() if isinstance(node, str) else node
    return result


def build_onboarding_course() -> Course:
    structure, texts = load_content()
    course = _save(
        Course(
            status=CourseState.PUBLISHED,
            expected_minutes=structure["course"]["expected_minutes"],
            is_onboarding=structure["course"]["is_onboarding"],
        ),
        title=_per_language(texts, "course", "title"),
        summary=_per_language(texts, "course", "summary"),
    )
    for module_position, module_shape in enumerate(structure["modules"], start=1):
        module = _save(
            Module(course=course, position=module_position),
            title=_per_language(texts, "modules", module_shape["key"]),
        )
        for lesson_position, key in enumerate(module_shape["lessons"], start=1):
            bodies = {lang: sanitize_html(body) for lang, body in _per_language(texts, "lessons", key, "body").items()}
            _save(
                Lesson(module=module, position=lesson_position),
                title=_per_language(texts, "lessons", key, "title"),
                body=bodies,
            )
    quiz_shape = structure["quiz"]
    quiz = _save(
        Quiz(
            course=course,
            position=1,
            pass_mark=quiz_shape["pass_mark"],
            max_attempts=quiz_shape["max_attempts"],
            shuffle=quiz_shape["shuffle"],
        ),
        title=_per_language(texts, "quiz", "title"),
        description=_per_language(texts, "quiz", "description"),
    )
    pool = _save(QuestionPool(quiz=quiz, position=1), title=_per_language(texts, "pool"))
    for question_position, shape in enumerate(quiz_shape["questions"], start=1):
        question = _save(
            Question(pool=pool, position=question_position, kind=shape["kind"]),
            text=_per_language(texts, "questions", shape["key"], "text"),
        )
        for choice_position, choice_key in enumerate(shape["choices"], start=1):
            _save(
                Choice(question=question, position=choice_position, is_correct=choice_key in shape["correct"]),
                text=_per_language(texts, "questions", shape["key"], "choices", choice_key, "text"),
                feedback=_per_language(texts, "questions", shape["key"], "choices", choice_key, "feedback"),
            )
    return course


def build_draft_course(onboarding: Course) -> Course:
    """A course still being written, in English only: it shows trainers the missing translations."""
    course = _save(
        Course(status=CourseState.DRAFT, expected_minutes=45, prerequisite=onboarding),
        title={"en": "Drafting the list of observations"},
        summary={
            "en": "For experts of reviewing States: how to turn the dialogue into clear, agreed observations "
            "that name gaps, good practices and technical-assistance needs."
        },
    )
    module = _save(Module(course=course, position=1), title={"en": "From dialogue to observations"})
    _save(
        Lesson(module=module, position=1),
        title={"en": "What makes a good observation"},
        body={
            "en": "<p>A good observation is specific, refers to the article and the answer it rests on, and "
            "suggests a realistic next step. It is written so that the State under review can agree to it.</p>"
        },
    )
    return course


def _answers(attempt, *, right: bool) -> dict[int, list[int]]:
    correct: dict[int, dict[str, list[int]]] = {}
    for choice in Choice.objects.filter(question_id__in=[item["question"] for item in attempt.layout]):
        correct.setdefault(choice.question_id, {"right": [], "wrong": []})[
            "right" if choice.is_correct else "wrong"
        ].append(choice.pk)
    answers = {}
    for index, item in enumerate(attempt.layout):
        options = correct[item["question"]]
        # A failed attempt gets four questions wrong: 60%, under the 70% pass mark.
        answers[item["question"]] = options["right"] if right or index >= 4 else options["wrong"][:1]
    return answers


def seed_learners(course: Course, users: dict) -> None:
    lessons = list(Lesson.objects.filter(module__course=course).order_by("module__position", "position"))
    quiz = course.quizzes.earliest("position", "pk")  # its first quiz; the demo course has one
    rng = random.Random(2026)  # the demo is the same on every machine
    for email, viewed, outcome in LEARNERS:
        user = users.get(email)
        if user is None or Enrolment.objects.filter(user=user, course=course).exists():
            continue
        services.enrol(user, course, source=EnrolmentSource.AUTOMATIC)
        for lesson in lessons[:viewed]:
            services.mark_lesson_viewed(lesson, user=user)
        if outcome:
            attempt = services.start_attempt(quiz, user=user, rng=rng)
            services.submit_attempt(attempt, answers=_answers(attempt, right=outcome == "pass"))


def seed_sessions(course: Course, users: dict) -> None:
    today = timezone.now().replace(minute=0, second=0, microsecond=0)
    for spec in load_sessions():
        if TrainingSession.objects.filter(course=course, title_en=spec["title"]["en"]).exists():
            continue
        starts = (today + timedelta(days=spec["days_from_now"])).replace(hour=spec["hour"])
        session = _save(
            TrainingSession(
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                time_zone=spec["time_zone"],
                language=spec["language"],
                capacity=40,
                location=spec["location"],
            ),
            title=spec["title"],
        )
        for email in spec["registrants"]:
            if email in users:
                SessionRegistration.objects.create(
                    session=session, user=users[email], attended=email in spec["attended"]
                )


@transaction.atomic
def seed_elearning_demo() -> bool:
    """Create the onboarding course, a draft course, demo learners and sessions; return whether anything was made."""
    _structure, texts = load_content()
    title = texts["en"]["course"]["title"]
    course = Course.objects.filter(title_en=title).first()
    created = course is None
    if course is None:
        course = build_onboarding_course()
        draft = build_draft_course(course)
    User = get_user_model()
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    if created and trainer:
        permissions.grant_course_ownership(course, trainer)
        permissions.grant_course_ownership(draft, trainer)
    emails = [email for email, *_rest in LEARNERS] + [e for spec in load_sessions() for e in spec["registrants"]]
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    seed_learners(course, users)
    seed_sessions(course, users)
    return created
