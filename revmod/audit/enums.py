from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGNED_OUT = "signed_out", _("Signed out")
    SIGN_IN_UNLOCKED = "sign_in_unlocked", _("Sign-in unlocked")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Two-factor sign-in set up")
    TWO_FACTOR_FAILED = "two_factor_failed", _("Wrong two-factor code")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
    SESSIONS_ENDED = "sessions_ended", _("Sessions ended")
    PERMISSIONS_CHANGED = "permissions_changed", _("Account rights changed")
    COURSE_OWNER_ADDED = "course_owner_added", _("Course owner added")
    COURSE_OWNER_REMOVED = "course_owner_removed", _("Course owner removed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    ACCOUNT_INVITED = "account_invited", _("Person invited")
    ACCOUNT_APPROVED = "account_approved", _("Account approved")
    PARTICIPANT_ADDED = "participant_added", _("Participant added")
    PARTICIPANT_REMOVED = "participant_removed", _("Participant removed")
    STEP_CHANGED = "step_changed", _("Step changed")
    QUESTIONNAIRE_SUBMITTED = "questionnaire_submitted", _("Questionnaire submitted")
    ANSWER_SAVED = "answer_saved", _("Answer saved")
    OUTPUT_CHANGED = "output_changed", _("Output changed")
    OUTPUT_SIGNED = "output_signed", _("Output signed off")
    OUTPUT_LOCKED = "output_locked", _("Output locked")
    REVIEW_PUBLISHED = "review_published", _("Outputs published")
    EXPORT_REQUESTED = "export_requested", _("Export requested")
    EXPORT_DOWNLOADED = "export_downloaded", _("Export downloaded")
    LOTS_DRAWN = "lots_drawn", _("Lots drawn")
    CYCLE_CREATED = "cycle_created", _("Review cycle created")
    CYCLE_CHANGED = "cycle_changed", _("Review cycle changed")
    CYCLE_CLOSED = "cycle_closed", _("Review cycle closed")
