"""Trainer reports: completion and attendance by one dimension, and the secretariat's headline figure.

Each report runs a fixed number of aggregate queries, however many learners there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from elearning import permissions
from elearning.enums import ReportDimension
from elearning.models import Course, Enrolment, SessionRegistration
from revmod.accounts.enums import NominatedRole
from revmod.accounts.models import User
from revmod.states.enums import RegionalGroup
from revmod.states.models import MemberState

TRAINED_ROLES = (NominatedRole.FOCAL_POINT, NominatedRole.EXPERT)

# How each dimension is reached from an enrolment and from a session registration.
ENROLMENT_KEYS: dict[str, str] = {
    ReportDimension.COURSE: "course_id",
    ReportDimension.STATE: "user__state_id",
    ReportDimension.REGIONAL_GROUP: "user__state__regional_group",
    ReportDimension.ROLE: "user__nominated_role",
    ReportDimension.LANGUAGE: "user__preferred_language",
}
REGISTRATION_KEYS = {**ENROLMENT_KEYS, ReportDimension.COURSE: "session__course_id"}


@dataclass
class ReportRow:
    key: object
    label: str
    enrolled: int = 0
    completed: int = 0
    registered: int = 0
    attended: int = 0

    @property
    def completion_rate(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


@dataclass
class Headline:
    people: int
    countries: int


def _labels(dimension: str, keys: set) -> dict:
    if dimension == ReportDimension.COURSE:
        return {course.pk: course.title for course in Course.objects.filter(pk__in=keys)}
    if dimension == ReportDimension.STATE:
        return {state.pk: state.name for state in MemberState.objects.filter(pk__in=keys)}
    if dimension == ReportDimension.REGIONAL_GROUP:
        return dict(RegionalGroup.choices)
    if dimension == ReportDimension.ROLE:
        return dict(NominatedRole.choices)
    return {code: str(name) for code, name in settings.LANGUAGES}


def training_report(user, *, dimension: str) -> list[ReportRow]:
    """Enrolments, completions, registrations and attendance in the courses the person manages."""
    courses = permissions.courses_editable_by(user).values("pk")
    enrolment_key, registration_key = ENROLMENT_KEYS[dimension], REGISTRATION_KEYS[dimension]
    rows: dict[object, ReportRow] = {}
    for row in (
        Enrolment.objects.filter(course__in=courses)
        .values(enrolment_key)
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)))
        .order_by()
    ):
        key = row[enrolment_key]
        rows[key] = ReportRow(key, "", enrolled=row["enrolled"], completed=row["completed"])
    for row in (
        SessionRegistration.objects.filter(session__course__in=courses)
        .values(registration_key)
        .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by()
    ):
        key = row[registration_key]
        item = rows.setdefault(key, ReportRow(key, ""))
        item.registered, item.attended = row["registered"], row["attended"]
    labels = _labels(dimension, {key for key in rows if key is not None})
    for item in rows.values():
        item.label = str(labels.get(item.key) or _("Not stated")) if item.key not in (None, "") else _("Not stated")
    return sorted(rows.values(), key=lambda item: (-item.enrolled, item.label))


def trained_headline(user) -> Headline:
    """Focal points and experts who completed a course or attended a session, and the States they come from."""
    courses = permissions.courses_editable_by(user).values("pk")
    completed = Enrolment.objects.filter(course__in=courses, completed_at__isnull=False).values("user_id")
    attended = SessionRegistration.objects.filter(session__course__in=courses, attended=True).values("user_id")
    totals = User.objects.filter(Q(pk__in=completed) | Q(pk__in=attended), nominated_role__in=TRAINED_ROLES).aggregate(
        people=Count("pk", distinct=True), countries=Count("state", distinct=True)
    )
    return Headline(people=totals["people"], countries=totals["countries"])
