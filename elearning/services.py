"""Writes of the e-learning module: enrolment, progress, quizzes, completion, sessions, content."""

from __future__ import annotations

import random
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from elearning import permissions
from elearning.enums import CourseState, EnrolmentSource, QuestionKind, ReminderKind
from elearning.models import (
    Certificate,
    Choice,
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    LessonView,
    Quiz,
    QuizAttempt,
    SessionRegistration,
    TrainingSession,
)
from elearning.uploads import validate_lesson_file
from revmod.audit.enums import AuditAction
from revmod.audit.services import record
from revmod.core.translation_status import stamp_changed_languages
from revmod.notifications.enums import NotificationKind
from revmod.notifications.services import notify

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are typed by hand


class EnrolmentError(ValidationError):
    pass


class AttemptError(ValidationError):
    pass


# --- Content ------------------------------------------------------------------


def save_translated(instance, *, before: dict | None):
    """Save content edited in a form, stamping the languages whose text changed."""
    stamp_changed_languages(instance, before=before)
    instance.save()
    return instance


@transaction.atomic
def create_course(course: Course, *, by) -> Course:
    """Save a new course; a trainer who creates it owns it."""
    save_translated(course, before=None)
    if by.is_trainer:
        permissions.grant_course_ownership(course, by)
        record(AuditAction.COURSE_OWNER_ADDED, actor=by, target=course, data={"trainer": by.email})
    return course


def grant_ownership(course: Course, *, trainer, by) -> None:
    if not permissions.can_manage_owners(by):
        raise PermissionDenied
    if not trainer.is_trainer:
        raise ValidationError(_("Only trainers can own courses."))
    permissions.grant_course_ownership(course, trainer)
    record(AuditAction.COURSE_OWNER_ADDED, actor=by, target=course, data={"trainer": trainer.email})


def revoke_ownership(course: Course, *, trainer, by) -> None:
    if not permissions.can_manage_owners(by):
        raise PermissionDenied
    permissions.revoke_course_ownership(course, trainer)
    record(AuditAction.COURSE_OWNER_REMOVED, actor=by, target=course, data={"trainer": trainer.email})


def add_lesson_file(lesson: Lesson, *, upload: UploadedFile, title: str) -> LessonFile:
    kind = validate_lesson_file(upload)
    original_name = upload.name or ""
    # A random stored name: the uploader's file name never reaches the file system.
    upload.name = f"{uuid.uuid4().hex}{kind.extensions[0]}"
    return LessonFile.objects.create(
        lesson=lesson,
        title=title,
        file=upload,
        content_type=kind.content_type,
        size=upload.size or 0,
        original_name=original_name[:255],
    )


# --- Enrolment and progress -------------------------------------------------------


def enrol(user, course: Course, *, source: str = EnrolmentSource.SELF, by=None) -> Enrolment:
    """Enrol a person in a published course; enrolling twice returns the first enrolment.

    A learner enrolling themselves must have completed the prerequisite course.
    """
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    if course.status != CourseState.PUBLISHED:
        raise EnrolmentError(_("This course is not open for enrolment."))
    if (
        source == EnrolmentSource.SELF
        and course.prerequisite_id
        and not Enrolment.objects.filter(
            user=user, course_id=course.prerequisite_id, completed_at__isnull=False
        ).exists()
    ):
        raise EnrolmentError(_("Complete the prerequisite course first."))
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, course=course, source=source, enrolled_by=by)
    except IntegrityError:  # enrolled at the same moment by another request
        return Enrolment.objects.get(user=user, course=course)


def enrol_in_onboarding(user, *, by=None) -> list[Enrolment]:
    """Enrol a person in every published onboarding course. Idempotent; call it when someone joins a review."""
    source = EnrolmentSource.AUTOMATIC if by is None else EnrolmentSource.TRAINER
    courses = Course.objects.filter(status=CourseState.PUBLISHED, is_onboarding=True)
    return [enrol(user, course, source=source, by=by) for course in courses]


def enrol_in_onboarding_in_bulk(users) -> None:
    """Enrol many people in the published onboarding courses at once (loading data); existing enrolments stay."""
    courses = list(Course.objects.filter(status=CourseState.PUBLISHED, is_onboarding=True).values_list("pk", flat=True))
    enrolments = [
        Enrolment(user=user, course_id=course, source=EnrolmentSource.AUTOMATIC) for user in users for course in courses
    ]
    Enrolment.objects.bulk_create(enrolments, ignore_conflicts=True)


def enrol_by_trainer(course: Course, *, users, by) -> list[Enrolment]:
    if not permissions.can_edit_course(by, course):
        raise PermissionDenied
    return [enrol(user, course, source=EnrolmentSource.TRAINER, by=by) for user in users]


def mark_lesson_viewed(lesson: Lesson, *, user) -> LessonView:
    view, _created = LessonView.objects.get_or_create(user=user, lesson=lesson)
    enrolment = Enrolment.objects.filter(
        user=user, course_id=lesson.module.course_id, completed_at__isnull=True
    ).first()
    if enrolment:
        complete_if_done(enrolment)
    return view


def completion_met(enrolment: Enrolment) -> bool:
    course = enrolment.course
    if course.requires_all_lessons:
        lessons = Lesson.objects.filter(module__course=course)
        if lessons.exclude(views__user=enrolment.user).exists():
            return False
    if course.requires_quizzes_passed:
        passed = QuizAttempt.objects.filter(user=enrolment.user, passed=True).values("quiz_id")
        if course.quizzes.exclude(pk__in=passed).exists():
            return False
    return True


@transaction.atomic
def complete_if_done(enrolment: Enrolment) -> bool:
    """Record completion once, with its date, and issue the certificate. Return whether it happened now."""
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.completed_at or not completion_met(enrolment):
        return False
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    issue_certificate(enrolment)
    return True


def issue_certificate(enrolment: Enrolment) -> Certificate:
    """The certificate of a completed enrolment, dated when it was completed."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    if enrolment.completed_at is None:
        raise ValueError("Only a completed enrolment has a certificate.")
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not Certificate.objects.filter(code=code).exists():
            return Certificate.objects.create(enrolment=enrolment, code=code, issued_at=enrolment.completed_at)


# --- Quizzes ------------------------------------------------------------------


def attempts_left(quiz: Quiz, *, user) -> int | None:
    """None when the quiz allows unlimited attempts."""
    if not quiz.max_attempts:
        return None
    used = QuizAttempt.objects.filter(quiz=quiz, user=user).count()
    return max(quiz.max_attempts - used, 0)


@transaction.atomic
def start_attempt(quiz: Quiz, *, user, rng: random.Random | None = None) -> QuizAttempt:
    """Draw the questions of a new attempt, or return the attempt still open."""
    rng = rng or random.SystemRandom()
    open_attempt = QuizAttempt.objects.filter(quiz=quiz, user=user, submitted_at__isnull=True).first()
    if open_attempt:
        return open_attempt
    if QuizAttempt.objects.filter(quiz=quiz, user=user, passed=True).exists():
        raise AttemptError(_("You have already passed this quiz."))
    if attempts_left(quiz, user=user) == 0:
        raise AttemptError(_("You have used every attempt allowed for this quiz."))
    layout: list[dict[str, Any]] = []
    for pool in quiz.pools.prefetch_related("questions__choices"):
        questions = list(pool.questions.all())
        if pool.draw_count and pool.draw_count < len(questions):
            questions = rng.sample(questions, pool.draw_count)
        layout += [
            {"question": question.pk, "choices": [choice.pk for choice in question.choices.all()]}
            for question in questions
        ]
    if quiz.shuffle:
        rng.shuffle(layout)
        for item in layout:
            rng.shuffle(item["choices"])
    number = (QuizAttempt.objects.filter(quiz=quiz, user=user).aggregate(n=Max("number"))["n"] or 0) + 1
    return QuizAttempt.objects.create(quiz=quiz, user=user, number=number, layout=layout)


@transaction.atomic
def submit_attempt(attempt: QuizAttempt, *, answers: dict[int, list[int]]) -> QuizAttempt:
    """Score an attempt on the server. A multiple-choice question counts only when exactly right."""
    attempt = QuizAttempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if attempt.is_submitted:
        raise AttemptError(_("This attempt has already been submitted."))
    question_ids = [item["question"] for item in attempt.layout]
    offered = {item["question"]: set(item["choices"]) for item in attempt.layout}
    correct: dict[int, set[int]] = {question_id: set() for question_id in question_ids}
    kinds = {}
    for choice in Choice.objects.filter(question_id__in=question_ids).select_related("question"):
        kinds[choice.question_id] = choice.question.kind
        if choice.is_correct:
            correct[choice.question_id].add(choice.pk)
    recorded, right = {}, 0
    for question_id in question_ids:
        chosen = {int(pk) for pk in answers.get(question_id, [])} & offered[question_id]
        if kinds.get(question_id) == QuestionKind.SINGLE and len(chosen) > 1:
            chosen = set()
        recorded[str(question_id)] = sorted(chosen)
        right += bool(chosen) and chosen == correct[question_id]
    attempt.answers = recorded
    attempt.score = round(100 * right / len(question_ids)) if question_ids else 0
    attempt.passed = attempt.score >= attempt.quiz.pass_mark
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["answers", "score", "passed", "submitted_at"])
    if attempt.passed:  # a failed attempt cannot complete a course
        enrolment = Enrolment.objects.filter(
            user=attempt.user, course_id=attempt.quiz.course_id, completed_at__isnull=True
        ).first()
        if enrolment:
            complete_if_done(enrolment)
    return attempt


# --- Training sessions ------------------------------------------------------------


@transaction.atomic
def register_for_session(session: TrainingSession, *, user) -> SessionRegistration:
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    existing = SessionRegistration.objects.filter(session=session, user=user).first()
    if existing:
        return existing
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    if session.registrations.count() >= session.capacity:
        raise ValidationError(_("This session is full."))
    return SessionRegistration.objects.create(session=session, user=user)


def cancel_registration(session: TrainingSession, *, user) -> None:
    SessionRegistration.objects.filter(session=session, user=user).delete()


def record_attendance(session: TrainingSession, *, present_user_ids: set[int]) -> None:
    registrations = session.registrations.all()
    registrations.filter(user_id__in=present_user_ids).update(attended=True)
    registrations.exclude(user_id__in=present_user_ids).update(attended=False)


# When each reminder is due: sessions starting after the first and up to the second delay from now.
# Someone who registers within a day of the start gets the day-before reminder only.
REMINDER_WINDOWS = {
    ReminderKind.WEEK_BEFORE: (timedelta(days=1), timedelta(days=7)),
    ReminderKind.DAY_BEFORE: (timedelta(0), timedelta(days=1)),
}


def send_due_reminders(*, now=None) -> int:
    """Remind registrants of the sessions starting soon, in the notification centre and by their preference.

    Each reminder's key names the session, its start and the lead time, so running twice sends
    nothing twice, and a session moved to another time is announced again.
    """
    now = now or timezone.now()
    sent = 0
    for kind, (after, until) in REMINDER_WINDOWS.items():
        due = SessionRegistration.objects.filter(
            session__starts_at__gt=now + after, session__starts_at__lte=now + until, user__is_active=True
        ).select_related("session", "user")
        by_session: dict[int, list[SessionRegistration]] = {}
        for registration in due:
            by_session.setdefault(registration.session_id, []).append(registration)
        for registrations in by_session.values():
            sent += remind_of_session(registrations[0].session, [r.user for r in registrations], kind=kind)
    return sent


def remind_of_session(session: TrainingSession, users, *, kind: ReminderKind) -> int:
    """One notification per person, the title in their language (modeltranslation falls back to English)."""
    key = f"training:{session.pk}:{session.starts_at:%Y%m%d%H%M}:{kind}"
    with translation.override("en"):
        url = reverse("elearning:sessions")
    by_language: dict[str, list] = {}
    for user in users:
        by_language.setdefault(user.preferred_language, []).append(user)
    sent = 0
    for language, readers in by_language.items():
        with translation.override(language):
            data = {"title": session.title, "at": session.starts_at.isoformat()}
        try:
            sent += len(notify(readers, NotificationKind.TRAINING_REMINDER, url=url, data=data, key=key))
        except IntegrityError:
            continue  # another worker reminded them at the same moment
    return sent
