from __future__ import annotations

from rest_framework import serializers

from reviews.models import Choice, Question, Questionnaire, Section


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["key", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True)

    class Meta:
        model = Question
        fields = ["id", "number", "parent", "condition", "kind", "required", "text", "help_text", "choices"]


class SectionSerializer(serializers.ModelSerializer):
    article = serializers.CharField(source="article.number", allow_null=True, default=None)
    questions = QuestionSerializer(many=True)

    class Meta:
        model = Section
        fields = ["order", "title", "article", "questions"]


class QuestionnaireSerializer(serializers.ModelSerializer):
    cluster = serializers.IntegerField(source="cluster.number")
    instrument = serializers.CharField(source="instrument.code")
    sections = SectionSerializer(many=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "cluster",
            "instrument",
            "version",
            "status",
            "title",
            "introduction",
            "published_at",
            "sections",
        ]
