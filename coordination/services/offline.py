"""Applying a filled offline file: every chosen change in one transaction, or none."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.offline.plan import Item, Upload, preview
from coordination.permissions import can_import_answers
from reviews.models import CountryReview, Questionnaire
from reviews.services import AnswerConflict, ReviewError, save_answer
from revmod.audit.enums import AuditAction
from revmod.audit.services import record

TAKE_FILE = "file"
KEEP_PLATFORM = "platform"


class ImportOutdated(ReviewError):
    """An answer changed online since the person saw the preview: they must look again."""

    def __init__(self) -> None:
        super().__init__(
            _("Some answers changed on the platform since you saw this page. Nothing was applied: check them again.")
        )


@dataclass
class UnresolvedConflicts(ReviewError):
    items: list[Item]

    def __str__(self) -> str:
        numbers = ", ".join(item.question.number for item in self.items)
        return _("Choose which version to keep for questions %(numbers)s.") % {"numbers": numbers}


@dataclass
class ImportResult:
    changed: int
    taken_from_file: int
    kept_online: int
    unchanged: int
    clearances_withdrawn: int

    @property
    def applied(self) -> int:
        return self.changed + self.taken_from_file


@transaction.atomic
def import_answers(
    review: CountryReview,
    questionnaire: Questionnaire,
    *,
    upload: Upload,
    seen: dict[str, int],
    resolutions: dict[int, str],
    user,
) -> ImportResult:
    """Save the file's changes, and its version of each conflict resolved with TAKE_FILE, through save_answer.

    ``seen``: the online revision of each question as the preview showed it; a question that
    moved since then (or became a change or a conflict) raises ImportOutdated and nothing is
    applied. Any refused save undoes every other. One audit entry records the counts.
    """
    if not can_import_answers(user, review):
        raise ReviewError(_("The questionnaire cannot be changed now."))
    plan = preview(review, questionnaire, upload)
    if plan.problems:
        raise ReviewError(_("The file has errors: correct them and upload it again."))
    if any(seen.get(str(item.question.pk)) != item.revision for item in plan.changes + plan.conflicts):
        raise ImportOutdated
    choices = (TAKE_FILE, KEEP_PLATFORM)
    unresolved = [item for item in plan.conflicts if resolutions.get(item.question.pk) not in choices]
    if unresolved:
        raise UnresolvedConflicts(unresolved)
    taken = [item for item in plan.conflicts if resolutions[item.question.pk] == TAKE_FILE]
    withdrawn = 0
    for item in plan.changes + taken:
        try:
            answer = save_answer(
                review, item.question, value=item.uploaded.value, base_revision=item.revision, user=user
            )
        except AnswerConflict as error:
            raise ImportOutdated from error
        withdrawn += answer.clearance_withdrawn
    result = ImportResult(
        changed=len(plan.changes),
        taken_from_file=len(taken),
        kept_online=len(plan.conflicts) - len(taken),
        unchanged=len(plan.unchanged),
        clearances_withdrawn=withdrawn,
    )
    record(
        AuditAction.ANSWERS_IMPORTED,
        actor=user,
        target=questionnaire,
        review_id=review.pk,
        data={
            "format": upload.file_format,
            "questionnaire": questionnaire.pk,
            "changed": result.changed,
            "conflicts_taken_from_file": result.taken_from_file,
            "conflicts_kept_online": result.kept_online,
            "unchanged": result.unchanged,
        },
    )
    return result
