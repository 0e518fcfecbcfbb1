from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from elearning.models import Course, Enrolment, Lesson, Module


class QuizResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="quiz.pk")
    title = serializers.CharField(source="quiz.title")
    pass_mark = serializers.IntegerField(source="quiz.pass_mark")
    best_score = serializers.IntegerField(source="best", allow_null=True)
    attempts = serializers.IntegerField(source="tries")
    passed = serializers.BooleanField()


class ProgressSerializer(serializers.Serializer):
    """The requester's own progress in a course (elearning.selectors.CourseProgress)."""

    enrolled_at = serializers.DateTimeField(source="enrolment.enrolled_at")
    completed_at = serializers.DateTimeField(source="enrolment.completed_at", allow_null=True)
    lessons_viewed = serializers.IntegerField()
    lesson_total = serializers.IntegerField()
    percent = serializers.IntegerField()
    quizzes = QuizResultSerializer(many=True)
    next_lesson = serializers.IntegerField(source="next_lesson.pk", allow_null=True, default=None)
    certificate_code = serializers.CharField(source="enrolment.certificate.code", allow_null=True, default=None)


class CourseSerializer(serializers.ModelSerializer):
    lesson_count = serializers.IntegerField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "summary",
            "status",
            "expected_minutes",
            "is_onboarding",
            "prerequisite",
            "lesson_count",
            "progress",
        ]

    @extend_schema_field(ProgressSerializer(allow_null=True))
    def get_progress(self, course) -> dict[str, Any] | None:
        progress = self.context["progress"].get(course.pk)
        return ProgressSerializer(progress).data if progress else None


class LessonOutlineSerializer(serializers.ModelSerializer):
    viewed = serializers.SerializerMethodField()

    class Meta:
        model = Lesson
        fields = ["id", "title", "position", "viewed"]

    def get_viewed(self, lesson) -> bool:
        return lesson.pk in self.context["viewed"]


class ModuleOutlineSerializer(serializers.ModelSerializer):
    lessons = LessonOutlineSerializer(many=True)

    class Meta:
        model = Module
        fields = ["id", "title", "position", "lessons"]


class CourseDetailSerializer(CourseSerializer):
    modules = ModuleOutlineSerializer(many=True, source="outline")

    class Meta(CourseSerializer.Meta):
        fields = [*CourseSerializer.Meta.fields, "modules"]


class LearnerSerializer(serializers.ModelSerializer):
    """One learner of a course, for the trainers who edit it."""

    name = serializers.CharField(source="user.full_name")
    email = serializers.EmailField(source="user.email")
    state = serializers.CharField(source="user.state.iso3", allow_null=True, default=None)
    lessons_viewed = serializers.IntegerField(source="viewed")
    certificate_code = serializers.CharField(source="certificate.code", allow_null=True, default=None)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "name",
            "email",
            "state",
            "source",
            "enrolled_at",
            "completed_at",
            "lessons_viewed",
            "certificate_code",
        ]
