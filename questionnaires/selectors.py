"""Reads of the authoring pages: every one answers 404 to whoever may not author."""

from __future__ import annotations

from django.http import Http404

from questionnaires.permissions import can_author
from reviews.models import Questionnaire


def get_questionnaire_for_author(user, pk: int) -> Questionnaire:
    if not can_author(user):
        raise Http404
    questionnaire = Questionnaire.objects.select_related("cluster", "instrument").filter(pk=pk).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def questionnaires_for_author(user):
    """Every questionnaire, newest version first within each cluster and instrument; 404 for whoever may not author."""
    if not can_author(user):
        raise Http404
    return Questionnaire.objects.select_related("cluster", "instrument").order_by(
        "cluster__number", "instrument__order", "-version"
    )
