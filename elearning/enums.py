from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CourseState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("course state", "Draft")
    PUBLISHED = "published", pgettext_lazy("course state", "Published")
    ARCHIVED = "archived", pgettext_lazy("course state", "Archived")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Enrolled themselves")
    TRAINER = "trainer", _("Enrolled by a trainer")
    AUTOMATIC = "automatic", _("Enrolled automatically")


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week_before", _("One week before")
    DAY_BEFORE = "day_before", _("One day before")


class ReportDimension(models.TextChoices):
    COURSE = "course", _("Course")
    STATE = "state", _("State")
    REGIONAL_GROUP = "regional_group", _("Regional group")
    ROLE = "role", _("Role")
    LANGUAGE = "language", _("Language")
