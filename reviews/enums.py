from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("questionnaire status", "Draft")
    PUBLISHED = "published", pgettext_lazy("questionnaire status", "Published")
    RETIRED = "retired", pgettext_lazy("questionnaire status", "Retired")


class CycleStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("cycle status", "Planned")
    RUNNING = "running", pgettext_lazy("cycle status", "Running")
    CLOSED = "closed", pgettext_lazy("cycle status", "Closed")


class AnswerKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    TEXT = "text", _("Free text")
    SINGLE_CHOICE = "single_choice", _("One choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Several choices")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    LEGISLATION = "legislation", _("Legislation citation")


class Step(models.TextChoices):
    """The steps of a country review, in order (DOMAIN.md)."""

    DRAWN = "drawn", _("Drawn")
    STAFFING = "staffing", _("Staffing")
    CONSULTATION = "consultation", _("Preliminary consultation")
    SAQ_DRAFTING = "saq_drafting", _("Self-assessment drafting")
    FEEDBACK = "feedback", _("Written feedback")
    DIALOGUE = "dialogue", _("Dialogue")
    OBSERVATIONS = "observations", _("Lists of observations")
    SUMMARY = "summary", _("Summary")
    FINALIZED = "finalized", _("Finalized")

    @classmethod
    def ordered(cls) -> list[Step]:
        return list(cls)

    @property
    def index(self) -> int:  # type: ignore[override]  # shadows str.index on purpose: its place in the workflow
        return list(Step).index(self)


class Side(models.TextChoices):
    REVIEWED = "reviewed", _("State under review")
    REVIEWING = "reviewing", _("Reviewing State")


class ParticipantRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    EXPERT = "expert", _("Governmental expert")
    OBSERVER = "observer", _("Observer")
    CONTRIBUTOR = "contributor", _("National contributor")


class PairingKind(models.TextChoices):
    SAME_REGION = "same_region", _("From the same regional group")
    OTHER_REGION = "other_region", _("From another regional group")


class ReviewPermission(models.TextChoices):
    """Object permissions on a country review, granted per participant by the services."""

    VIEW = "view_countryreview", _("See the review")
    READ_DRAFTS = "read_draft_answers", _("Read the answers while they are drafted")
    ANSWER = "answer_questionnaire", _("Answer the questionnaire")
    SUBMIT = "submit_questionnaire", _("Submit the questionnaire")
    READ_SUBMITTED = "read_submitted_answers", _("Read the submitted answers")
    COMMENT = "comment_review", _("Comment")
    REVIEWING_SIDE = "see_reviewing_side", _("See what is for the reviewing side only")
    DIALOGUE = "read_dialogue", _("Take part in the dialogue with the other side and read the outputs")
    STATE_INTERNAL = "see_state_internal", _("See the discussion internal to the State under review")


class ThreadVisibility(models.TextChoices):
    ALL = "all", _("All participants")
    REVIEWING = "reviewing", _("Reviewing side and secretariat only")
    STATE = "state", _("State under review and secretariat only")


class AnswerStatus(models.TextChoices):
    """Where an answer stands in the State's own clearance: only cleared answers are submitted."""

    NOT_STARTED = "not_started", pgettext_lazy("answer status", "Not started")
    DRAFTED = "drafted", pgettext_lazy("answer status", "Drafted")
    READY = "ready", pgettext_lazy("answer status", "Ready for clearance")
    CLEARED = "cleared", pgettext_lazy("answer status", "Cleared")


class CommentKind(models.TextChoices):
    COMMENT = "comment", pgettext_lazy("kind of comment", "Comment")
    CLARIFICATION = "clarification", _("Request for clarification")


class ObservationCategory(models.TextChoices):
    GAP = "gap", _("Gap")
    CHALLENGE = "challenge", _("Challenge")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    SUGGESTION = "suggestion", _("Suggestion")
    ASSISTANCE = "assistance", _("Technical assistance need")


class AssistancePriority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "High")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    LOW = "low", pgettext_lazy("priority", "Low")


class OutputStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("output status", "Draft")
    LOCKED = "locked", _("Agreed and locked")


class ExportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
