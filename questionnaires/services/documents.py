"""A questionnaire made from a document in the file format (docs/questionnaire-format.md), as the API posts it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from questionnaires.permissions import can_author
from reviews.models import Questionnaire
from reviews.questionnaire_io import QuestionnaireFileError, import_questionnaire
from reviews.services import ReviewError
from revmod.audit.enums import AuditAction
from revmod.audit.services import record


@transaction.atomic
def create_questionnaire_from_document(document: dict, *, by) -> Questionnaire:
    """Create a draft from the document, all or nothing; a bad document raises ``QuestionnaireFileError``."""
    if not can_author(by):
        raise ReviewError(_("Only the secretariat creates questionnaires."))
    try:
        questionnaire = import_questionnaire(document)
    except RecursionError as error:
        raise QuestionnaireFileError("follow-ups are nested too deeply") from error
    record(
        AuditAction.QUESTIONNAIRE_CREATED,
        actor=by,
        target=questionnaire,
        data={
            "cluster": questionnaire.cluster.number,
            "instrument": questionnaire.instrument.code,
            "version": questionnaire.version,
        },
    )
    return questionnaire
