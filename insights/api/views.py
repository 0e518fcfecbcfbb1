"""The search in the JSON API: the same documents, rules and filters as the search page."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated

from insights import selectors
from insights.api.serializers import SearchResultSerializer
from insights.enums import DocumentKind
from insights.forms import SearchForm
from revmod.states.enums import RegionalGroup

PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, required=True, description="The words to find (every one of them)."),
    OpenApiParameter("kind", OpenApiTypes.STR, enum=DocumentKind.values, description="Only this kind of text."),
    OpenApiParameter("cluster", OpenApiTypes.INT, description="Only texts of this cluster (its id)."),
    OpenApiParameter("instrument", OpenApiTypes.INT, description="Only texts on this instrument (its id)."),
    OpenApiParameter("article", OpenApiTypes.INT, description="Only texts on this article (its id)."),
    OpenApiParameter(
        "state",
        OpenApiTypes.INT,
        description="Only texts of the review of this State (its id); for those who see several.",
    ),
    OpenApiParameter(
        "region", OpenApiTypes.STR, enum=RegionalGroup.values, description="Only reviews of this regional group."
    ),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Only texts of this day or later."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Only texts of this day or earlier."),
]


class SearchViewSet(viewsets.GenericViewSet):
    """Search the questions, answers, comments, feedback, observations and summaries the signed-in person may read."""

    permission_classes = [IsAuthenticated]
    serializer_class = SearchResultSerializer

    @extend_schema(parameters=PARAMETERS, responses=SearchResultSerializer(many=True))
    def list(self, request):
        form = SearchForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise ValidationError(form.errors)
        query = form.cleaned_data["q"].strip()
        if not query:
            raise ValidationError({"q": [form.fields["q"].error_messages["required"]]})
        filters = {name: value for name, value in form.cleaned_data.items() if name != "q"}
        documents = selectors.search_documents(request.user, query=query, filters=filters)
        page = selectors.describe(request.user, list(self.paginate_queryset(documents) or []), query=query)
        return self.get_paginated_response(SearchResultSerializer(page, many=True).data)
