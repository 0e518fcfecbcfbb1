from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TranslationScope(models.TextChoices):
    """What a request asks to translate: part of the questionnaire's answers, or one output."""

    SECTION = "section", _("One section of the questionnaire")
    QUESTIONNAIRE = "questionnaire", _("The whole questionnaire")
    FEEDBACK = "feedback", _("Written feedback")
    OBSERVATIONS = "observations", _("List of observations")
    SUMMARY = "summary", pgettext_lazy("output", "Summary")


ANSWER_SCOPES = (TranslationScope.SECTION, TranslationScope.QUESTIONNAIRE)


class TranslationStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("translation status", "Requested")
    IN_PROGRESS = "in_progress", pgettext_lazy("translation status", "In progress")
    DONE = "done", pgettext_lazy("translation status", "Done")
    OUTDATED = "outdated", pgettext_lazy("translation status", "Outdated")
