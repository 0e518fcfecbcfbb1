"""What the review's rules refuse: raised by the services, shown by the views and the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reviews.models import Answer, Question


class ReviewError(Exception):
    """A request the review's rules refuse; the message is for the person who made it."""


class AnswerConflict(ReviewError):
    """Someone saved the answer since the version the editor started from."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        super().__init__(_("Someone else saved this answer while you were editing it."))


@dataclass
class SubmissionIncomplete(ReviewError):
    """Required questions without an answer, and answered ones the focal point has not cleared."""

    missing: list[Question]
    not_cleared: list[Question] = field(default_factory=list)

    def __str__(self) -> str:
        parts = []
        if self.missing:
            numbers = ", ".join(question.number for question in self.missing)
            parts.append(_("These required questions have no answer yet: %(numbers)s") % {"numbers": numbers})
        if self.not_cleared:
            numbers = ", ".join(question.number for question in self.not_cleared)
            parts.append(_("These required answers are not cleared yet: %(numbers)s") % {"numbers": numbers})
        return " ".join(parts)
