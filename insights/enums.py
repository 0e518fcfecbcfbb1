from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    """The kinds of text the search finds."""

    QUESTION = "question", pgettext_lazy("kind of text", "Question")
    ANSWER = "answer", pgettext_lazy("kind of text", "Answer")
    COMMENT = "comment", pgettext_lazy("kind of text", "Comment")
    FEEDBACK = "feedback", pgettext_lazy("kind of text", "Written feedback")
    OBSERVATION = "observation", pgettext_lazy("kind of text", "Observation")
    SUMMARY = "summary", pgettext_lazy("kind of text", "Summary")
