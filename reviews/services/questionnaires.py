"""Publishing a questionnaire: a published version is the one reviews answer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.enums import QuestionnaireStatus
from reviews.models import (
    Questionnaire,
)
from reviews.services.errors import ReviewError


@transaction.atomic
def publish_questionnaire(questionnaire: Questionnaire) -> Questionnaire:
    """Publish a draft, retiring the version it replaces. Published versions never change."""
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ReviewError(_("Only a draft questionnaire can be published."))
    Questionnaire.objects.filter(
        cluster=questionnaire.cluster, instrument=questionnaire.instrument, status=QuestionnaireStatus.PUBLISHED
    ).update(status=QuestionnaireStatus.RETIRED)
    questionnaire.status = QuestionnaireStatus.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])
    return questionnaire
