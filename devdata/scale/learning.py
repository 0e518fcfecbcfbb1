"""Learners at scale for the benchmarks (called by ``manage.py generate_scale_data``).

Bulk inserts only; the seeded generator decides how far each learner got, so two runs with
the same seed build the same progress.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from devdata.demo.learning import build_onboarding_course
from elearning.enums import EnrolmentSource
from elearning.models import Certificate, Course, Enrolment, Lesson, LessonView, QuizAttempt

BATCH = 2000


def generate_learners(users: list, *, rng: random.Random) -> dict[str, int]:
    """Enrol ``users`` in the onboarding course, each with lessons viewed, quiz attempts and maybe a certificate."""
    course = Course.objects.filter(is_onboarding=True).first() or build_onboarding_course()
    lessons = list(Lesson.objects.filter(module__course=course).order_by("module__position", "position"))
    quiz = course.quizzes.order_by("position").first()
    now = timezone.now()
    enrolments, views, attempts, completed = [], [], [], []
    for user in users:
        started = now - timedelta(days=rng.randint(1, 400))
        viewed = rng.choice([0, 1, 2, len(lessons) // 2, len(lessons), len(lessons), len(lessons)])
        enrolment = Enrolment(user=user, course=course, source=EnrolmentSource.AUTOMATIC, enrolled_at=started)
        views += [
            LessonView(user=user, lesson=lesson, viewed_at=started + timedelta(hours=index))
            for index, lesson in enumerate(lessons[:viewed])
        ]
        passed = False
        if quiz and viewed == len(lessons):
            for number in range(1, rng.randint(1, quiz.max_attempts or 3) + 1):
                score = rng.choice([40, 60, 70, 80, 90, 100])
                passed = score >= quiz.pass_mark
                attempts.append(
                    QuizAttempt(
                        quiz=quiz,
                        user=user,
                        number=number,
                        started_at=started + timedelta(days=1, minutes=number * 20),
                        submitted_at=started + timedelta(days=1, minutes=number * 20 + 15),
                        score=score,
                        passed=passed,
                    )
                )
                if passed:
                    break
        if passed or (quiz is None and viewed == len(lessons)):
            enrolment.completed_at = started + timedelta(days=2)
            completed.append(enrolment)
        enrolments.append(enrolment)
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH, ignore_conflicts=True)
    LessonView.objects.bulk_create(views, batch_size=BATCH, ignore_conflicts=True)
    QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH, ignore_conflicts=True)
    codes: set[str] = set()
    certificates = []
    for enrolment in Enrolment.objects.filter(course=course, completed_at__isnull=False, certificate__isnull=True):
        assert enrolment.completed_at is not None  # the query keeps the completed ones
        code = f"SCAL-{len(codes):04d}-{rng.randrange(16**4):04X}"
        codes.add(code)
        certificates.append(Certificate(enrolment=enrolment, code=code, issued_at=enrolment.completed_at))
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    return {
        "learners": len(enrolments),
        "lesson_views": len(views),
        "quiz_attempts": len(attempts),
        "completed": len(completed),
    }
