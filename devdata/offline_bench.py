"""The offline import of a whole questionnaire, timed in process (like the exports): parse, preview, confirm.

Runs inside a transaction that is rolled back: the scale data is left as it was.
"""

from __future__ import annotations

import io
import time

from django.db import transaction
from openpyxl import load_workbook

from coordination.offline.content import questions_for_file
from coordination.offline.files import PART_ALL
from coordination.offline.plan import preview, read_upload
from coordination.offline.sheets import build_workbook
from coordination.services.offline import TAKE_FILE, import_answers
from reviews.enums import AnswerKind, Step
from reviews.models import CountryReview, Questionnaire


class _RollBack(Exception):
    pass


def _filled(content: bytes, questions) -> bytes:
    """Every free-text, yes/no and number answer rewritten, as a contributor filling the whole workbook would."""
    kinds = {question.pk: question.kind for question in questions}
    workbook = load_workbook(io.BytesIO(content))
    for row in workbook.worksheets[0].iter_rows(min_row=2):
        kind = kinds.get(row[0].value)
        if kind == AnswerKind.TEXT:
            row[6].value = f"{row[6].value or ''} Completed offline."
        elif kind == AnswerKind.YES_NO:
            row[6].value = "No" if row[6].value == "Yes" else "Yes"
        elif kind == AnswerKind.NUMBER:
            row[6].value = (row[6].value or 0) + 1
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def time_offline_import(review: CountryReview, questionnaire: Questionnaire, *, user) -> dict:
    """Seconds for each step of importing a filled XLSX of the whole questionnaire, and what it changed."""
    row: dict = {}
    try:
        with transaction.atomic():
            CountryReview.objects.filter(pk=review.pk).update(step=Step.SAQ_DRAFTING)
            review.refresh_from_db()
            started = time.perf_counter()
            questions = questions_for_file(review, questionnaire, user=user, part=PART_ALL)
            content = build_workbook(review, questionnaire, questions, language="en", part=PART_ALL)
            row["download_seconds"] = round(time.perf_counter() - started, 2)
            filled = _filled(content, questions)
            started = time.perf_counter()
            upload = read_upload(io.BytesIO(filled), review=review, questionnaire=questionnaire)
            parsed = time.perf_counter()
            plan = preview(review, questionnaire, upload)
            previewed = time.perf_counter()
            resolutions = {item.question.pk: TAKE_FILE for item in plan.conflicts}
            result = import_answers(
                review, questionnaire, upload=upload, seen=plan.seen, resolutions=resolutions, user=user
            )
            confirmed = time.perf_counter()
            row |= {
                "questions": len(questions),
                "changed": result.applied,
                "errors": len(plan.problems),
                "parse_seconds": round(parsed - started, 2),
                "preview_seconds": round(previewed - parsed, 2),
                "confirm_seconds": round(confirmed - previewed, 2),
                "seconds": round(confirmed - started, 2),
            }
            raise _RollBack
    except _RollBack:
        pass
    review.refresh_from_db()
    return row
