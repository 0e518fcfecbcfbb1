"""Who may do what in e-learning. Every django-guardian call of the app lives here.

Trainers own courses through the object permission ``elearning.change_course``; the
secretariat edits every course and gives or takes that right.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm, get_objects_for_user, get_users_with_perms, remove_perm

from elearning.enums import CourseState
from elearning.models import Course, Enrolment, Lesson, TrainingSession
from revmod.accounts.enums import GlobalRole
from revmod.accounts.permissions import is_secretariat, is_trainer

OWNER_PERMISSION = "change_course"


def is_course_manager(user) -> bool:
    """Trainers and the secretariat reach the trainer pages; each course is then checked."""
    return is_trainer(user) or is_secretariat(user)


def can_manage_owners(user) -> bool:
    return is_secretariat(user)


def can_view_reports(user) -> bool:
    return is_course_manager(user)


def courses_editable_by(user) -> QuerySet[Course]:
    if not is_course_manager(user):
        return Course.objects.none()
    if is_secretariat(user):
        return Course.objects.all()
    return get_objects_for_user(user, f"elearning.{OWNER_PERMISSION}", klass=Course, accept_global_perms=False)


def can_edit_course(user, course: Course) -> bool:
    if not is_course_manager(user):
        return False
    return is_secretariat(user) or user.has_perm(f"elearning.{OWNER_PERMISSION}", course)


def can_manage_session(user, session: TrainingSession) -> bool:
    return can_edit_course(user, session.course)


def can_see_session_location(user, session: TrainingSession) -> bool:
    """The room or link of a session: for its registrants and those who manage it, as the sessions pages show."""
    if not (user.is_authenticated and user.is_active):
        return False
    return session.registrations.filter(user=user).exists() or can_manage_session(user, session)


def courses_visible_to(user) -> QuerySet[Course]:
    """Published courses, archived ones the person took, and every course they edit. Never others' drafts."""
    if not (user.is_authenticated and user.is_active):
        return Course.objects.none()
    taken = Enrolment.objects.filter(user=user).values("course_id")
    return Course.objects.filter(
        Q(status=CourseState.PUBLISHED)
        | Q(status=CourseState.ARCHIVED, pk__in=taken)
        | Q(pk__in=courses_editable_by(user).values("pk"))
    )


def can_view_course(user, course: Course) -> bool:
    return courses_visible_to(user).filter(pk=course.pk).exists()


def can_study_course(user, course: Course, *, enrolled: bool) -> bool:
    """Lessons, files and quizzes open to enrolled learners of a live course, and to its editors."""
    if can_edit_course(user, course):
        return True
    return enrolled and course.status in {CourseState.PUBLISHED, CourseState.ARCHIVED}


def can_view_lesson(user, lesson: Lesson) -> bool:
    course = lesson.module.course
    enrolled = Enrolment.objects.filter(user=user, course=course).exists() if user.is_authenticated else False
    return can_study_course(user, course, enrolled=enrolled)


def course_owners(course: Course) -> QuerySet:
    return get_users_with_perms(
        course, only_with_perms_in=[OWNER_PERMISSION], with_superusers=False, with_group_users=False
    ).order_by("full_name")  # type: ignore[union-attr]  # guardian types its queryset as "Any | list[str]"


def possible_owners() -> QuerySet:
    return get_user_model().objects.filter(global_role=GlobalRole.TRAINER, is_active=True).order_by("full_name")


def grant_course_ownership(course: Course, trainer) -> None:
    assign_perm(OWNER_PERMISSION, trainer, course)


def revoke_course_ownership(course: Course, trainer) -> None:
    remove_perm(OWNER_PERMISSION, trainer, course)
