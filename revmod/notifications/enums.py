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
    MEETING_PROPOSED = "meeting_proposed", _("A meeting of your review was proposed or changed")
    MEETING_FIXED = "meeting_fixed", _("The time of a meeting was fixed")
    MEETING_REMINDER = "meeting_reminder", _("A meeting you take part in is about to start")
    TRAINING_REMINDER = "training_reminder", _("A training session you registered for is about to start")
    STAKEHOLDER_INPUT = "stakeholder_input", _("A stakeholder sent input on a review")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("By e-mail at once")
    DIGEST = "digest", _("In a daily e-mail digest")
    OFF = "off", _("Only here, no e-mail")
