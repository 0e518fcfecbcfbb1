"""Questionnaires: participants read the published ones of their reviews; the secretariat reads all, posts documents."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from questionnaires.api.serializers import QuestionnaireSerializer
from questionnaires.permissions import can_author
from questionnaires.services.documents import create_questionnaire_from_document
from reviews import permissions
from reviews.models import Question, Section
from reviews.questionnaire_io import FORMAT, QuestionnaireFileError, export_questionnaire

DOCUMENT_EXAMPLE = OpenApiExample(
    "A questionnaire document",
    value={
        "format": FORMAT,
        "cluster": 1,
        "instrument": "untoc",
        "version": 3,
        "title": {"en": "Cluster I questionnaire"},
        "articles": [{"number": "5", "title": {"en": "Participation in an organized criminal group"}}],
        "sections": [
            {
                "title": {"en": "Article 5"},
                "article": "5",
                "questions": [{"number": "1", "kind": "yes_no", "text": {"en": "Is participation criminalized?"}}],
            }
        ],
    },
)
DOCUMENT_DESCRIPTION = "A questionnaire in the file format of docs/questionnaire-format.md, as JSON."


class QuestionnaireViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Questionnaires with their sections, questions and choices."""

    serializer_class = QuestionnaireSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        questions = Question.objects.prefetch_related("choices").order_by("order")
        sections = (
            Section.objects.select_related("article")
            .prefetch_related(Prefetch("questions", queryset=questions))
            .order_by("order")
        )
        return (
            permissions.questionnaires_visible_to(self.request.user)
            .select_related("cluster", "instrument")
            .prefetch_related(Prefetch("sections", queryset=sections))
            .order_by("pk")
        )

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            201: QuestionnaireSerializer,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="The field at fault, with what is wrong with it."),
        },
        examples=[DOCUMENT_EXAMPLE],
        description=f"Create a draft from a document. {DOCUMENT_DESCRIPTION} All or nothing.",
    )
    def create(self, request, *args, **kwargs):
        if not can_author(request.user):
            raise PermissionDenied(_("Only the secretariat creates questionnaires."))
        if not isinstance(request.data, dict):
            raise ValidationError(
                {"non_field_errors": [_("The body must be a questionnaire document (a JSON object).")]}
            )
        try:
            questionnaire = create_questionnaire_from_document(dict(request.data), by=request.user)
        except QuestionnaireFileError as error:
            raise ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return Response(
            self.get_serializer(self.get_queryset().get(pk=questionnaire.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        responses=OpenApiResponse(OpenApiTypes.OBJECT, description=DOCUMENT_DESCRIPTION),
        description=f"The questionnaire as a document. {DOCUMENT_DESCRIPTION} Posted back with a new version: a copy.",
    )
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        return Response(export_questionnaire(self.get_object()))
