from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reviews.enums import ThreadVisibility
from reviews.models import (
    Answer,
    AssistanceNeed,
    Comment,
    CountryReview,
    Evidence,
    Feedback,
    Observation,
    ObservationList,
    ReviewPairing,
    Summary,
)


class PairingSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    reviewing_state = serializers.CharField(source="reviewing_state.iso3")

    class Meta:
        model = ReviewPairing
        fields = ["instrument", "reviewing_state", "kind", "is_extra"]


class ReviewSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3")
    state_name = serializers.CharField(source="state.name")
    cycle = serializers.CharField(source="cycle.title")
    cluster = serializers.IntegerField(source="cycle.cluster.number")
    group = serializers.IntegerField(source="group.number")
    is_overdue = serializers.BooleanField()
    pairings = PairingSerializer(many=True)
    questionnaires = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = CountryReview
        fields = [
            "id",
            "state",
            "state_name",
            "cycle",
            "cluster",
            "group",
            "step",
            "due_at",
            "is_overdue",
            "submitted_at",
            "working_language",
            "pairings",
            "questionnaires",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    """A file the answer carries now; the file itself comes from ``download``, as readers of the answer."""

    language = serializers.CharField(help_text="The language the file is written in (a language code).")
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "title", "language", "content_type", "size", "sha256", "added_at", "download"]

    def get_download(self, evidence: Evidence) -> str:
        url = reverse("reviews:evidence_download", kwargs={"pk": evidence.answer.review_id, "evidence_pk": evidence.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AssistanceNeedSerializer(serializers.ModelSerializer):
    """A structured technical-assistance need: its kind, the article it concerns, its priority and its text."""

    category = serializers.CharField(source="category.code", help_text="The kind of assistance (a stable code).")
    category_name = serializers.CharField(source="category.name", help_text="Its name in the request's language.")
    instrument = serializers.CharField(source="article.instrument.code", default=None, allow_null=True)
    article = serializers.CharField(source="article.number", default=None, allow_null=True)

    class Meta:
        model = AssistanceNeed
        fields = ["category", "category_name", "instrument", "article", "priority", "text"]


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question_id")
    number = serializers.CharField(source="question.number")
    updated_by = serializers.CharField(source="updated_by.full_name", default="")
    evidence = serializers.SerializerMethodField()
    assistance_needs = AssistanceNeedSerializer(many=True, read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "number", "value", "revision", "updated_by", "updated_at", "evidence", "assistance_needs"]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, answer: Answer) -> list[dict]:
        """The answer's current files: prefetched into ``current_evidence`` by lists, read here for one answer."""
        files = getattr(answer, "current_evidence", None)
        if files is None:
            files = list(answer.evidence.filter(removed_at__isnull=True).order_by("added_at", "pk"))
        for evidence in files:
            evidence.answer = answer
        return EvidenceSerializer(files, many=True, context=self.context).data


class AnswerWriteSerializer(serializers.Serializer):
    value = serializers.JSONField(allow_null=True)
    base_revision = serializers.IntegerField(min_value=0)


class CommentSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="thread.question_id", allow_null=True)
    visibility = serializers.CharField(source="thread.visibility")
    author = serializers.CharField(source="author.full_name")
    html = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "question",
            "visibility",
            "parent",
            "kind",
            "author",
            "html",
            "created_at",
            "edited_at",
            "deleted_at",
            "answer_revision",
            "answered_at",
        ]

    def get_html(self, comment: Comment) -> str:
        return "" if comment.deleted_at else comment.body_html


class CommentWriteSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10_000)
    visibility = serializers.ChoiceField(choices=ThreadVisibility.values)
    question = serializers.IntegerField(required=False, allow_null=True)
    parent = serializers.IntegerField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=["comment", "clarification"], default="comment")


class FeedbackSerializer(serializers.ModelSerializer):
    reviewing_state = serializers.CharField(source="reviewing_state.iso3")

    class Meta:
        model = Feedback
        fields = ["reviewing_state", "text", "submitted_at"]


class ObservationSerializer(serializers.ModelSerializer):
    articles = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    questions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    assistance_needs = AssistanceNeedSerializer(many=True, read_only=True)

    class Meta:
        model = Observation
        fields = ["category", "text", "articles", "questions", "assistance_needs"]


class ObservationListSerializer(serializers.ModelSerializer):
    reviewing_state = serializers.CharField(source="reviewing_state.iso3")
    items = ObservationSerializer(many=True)

    class Meta:
        model = ObservationList
        fields = ["reviewing_state", "status", "locked_at", "items"]


class SummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Summary
        fields = ["status", "text", "locked_at", "published_at"]


class OutputsSerializer(serializers.Serializer):
    feedback = FeedbackSerializer(many=True)
    lists = ObservationListSerializer(many=True)
    summary = SummarySerializer(allow_null=True)
