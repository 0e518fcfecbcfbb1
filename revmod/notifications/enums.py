from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MENTIONED = "mentioned", _("Someone mentioned you")
    REPLY = "reply", _("A reply in a thread you took part in")
    CLARIFICATION = "clarification", _("A request for clarification to your State")
    ASSIGNED = "assigned", _("You were added to a review")
    STEP_OPENED = "step_opened", _("A step of your review opened")
    SUBMITTED = "submitted", _("A questionnaire was submitted")
    DEADLINE = "deadline", _("A deadline is near")
    OVERDUE = "overdue", _("A review is late")
    QUESTIONS_ASSIGNED = "questions_assigned", _("Questions were given to you to draft")
    ASSIGNMENT_DUE = "assignment_due", _("An internal due date of your State is near or past")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("By e-mail at once")
    DIGEST = "digest", _("In a daily e-mail digest")
    OFF = "off", _("Only here, no e-mail")
