from __future__ import annotations

from rest_framework import serializers


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.CharField(source="document.kind")
    review = serializers.IntegerField(source="document.review_id", allow_null=True)
    state = serializers.CharField(source="document.state.iso3", allow_null=True, default=None)
    question = serializers.IntegerField(source="document.question_id", allow_null=True)
    questionnaire = serializers.IntegerField(source="document.questionnaire_id", allow_null=True)
    article = serializers.IntegerField(source="document.article_id", allow_null=True)
    language = serializers.CharField(source="document.language")
    date = serializers.DateTimeField(source="document.date")
    url = serializers.CharField(help_text="The page that shows the text.")
    snippet = serializers.CharField(
        help_text="An excerpt of the text, HTML-escaped, with the words found in <mark> elements."
    )
