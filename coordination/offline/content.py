"""Which questions a downloaded file holds, with their answers: the same reads as the questionnaire page."""

from __future__ import annotations

from coordination.offline.files import DOCX, PART_MINE, XLSX
from coordination.selectors import questions_assigned_to
from reviews.models import CountryReview, Question, Questionnaire
from reviews.selectors import questionnaire_view

CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def questions_for_file(review: CountryReview, questionnaire: Questionnaire, *, user, part: str) -> list[Question]:
    """Every question in order (or those assigned to ``user``), each with ``answer`` and ``section``: five queries."""
    view = questionnaire_view(review, questionnaire, one_language=True)
    questions = []
    for progress in view.sections:
        for question in progress.questions:
            question.section = progress.section
            questions.append(question)
    if part == PART_MINE:
        questions = questions_assigned_to(review, user, questions)
    return questions


def file_name(review: CountryReview, questionnaire: Questionnaire, file_format: str) -> str:
    return f"answers-{review.state.iso3.lower()}-{questionnaire.instrument.code}-v{questionnaire.version}.{file_format}"
