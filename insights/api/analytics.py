"""The analytics figures in the JSON API: the page's figures and filters, for the secretariat only."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from insights.analytics import figures
from insights.analytics.forms import AnalyticsFilterForm
from insights.permissions import may_see_analytics
from revmod.states.enums import RegionalGroup

PARAMETERS = [
    OpenApiParameter("cycle", OpenApiTypes.INT, description="Only the reviews of this cycle (its id)."),
    OpenApiParameter("cluster", OpenApiTypes.INT, description="Only the reviews of cycles of this cluster (its id)."),
    OpenApiParameter(
        "region", OpenApiTypes.STR, enum=RegionalGroup.values, description="Only the reviews of States of this group."
    ),
]


class FigureRowSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="The row's heading: a month, a group, a State or an article.")
    values = serializers.ListField(
        child=serializers.JSONField(), help_text="One value per column: numbers, texts or ISO dates."
    )


class FigureSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="The figure's name in /api/v1/analytics/{slug}/.")
    title = serializers.CharField()
    description = serializers.CharField()
    row_heading = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.SerializerMethodField()

    @extend_schema_field(FigureRowSerializer(many=True))
    def get_rows(self, figure: figures.Figure) -> list[dict]:
        return [
            {"label": label, "values": [value.isoformat() if isinstance(value, dt.date) else value for value in values]}
            for label, values in figure.rows
        ]


class AnalyticsViewSet(viewsets.GenericViewSet):
    """Figures across reviews (progress, lateness, completion, needs, findings), in the reader's language."""

    permission_classes = [IsAuthenticated]
    serializer_class = FigureSerializer
    pagination_class = None
    lookup_field = "slug"
    lookup_value_regex = "[a-z-]+"

    def filters(self) -> dict:
        if not may_see_analytics(self.request.user):
            raise NotFound
        form = AnalyticsFilterForm(self.request.query_params or None)
        if form.errors:
            raise ValidationError(form.errors)
        return form.cleaned_data if form.is_bound else {}

    @extend_schema(parameters=PARAMETERS, responses=FigureSerializer(many=True))
    def list(self, request):
        return Response(FigureSerializer(figures.all_figures(self.filters()), many=True).data)

    @extend_schema(parameters=PARAMETERS, responses=FigureSerializer)
    def retrieve(self, request, slug: str):
        figure = figures.one_figure(slug, self.filters())
        if figure is None:
            raise NotFound
        return Response(FigureSerializer(figure).data)
