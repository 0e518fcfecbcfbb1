"""The JSON API of the e-learning module: courses with the requester's progress.

Every endpoint asks elearning.permissions and elearning.selectors, like the pages do.
"""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from elearning import permissions, selectors, services
from elearning.api.serializers import CourseDetailSerializer, CourseSerializer, LearnerSerializer, ProgressSerializer


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "enrolled", OpenApiTypes.BOOL, description="Only courses one is (true) or is not (false) enrolled in."
            )
        ]
    )
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Courses the signed-in person may see, each with their own progress."""

    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return CourseDetailSerializer if self.action == "retrieve" else CourseSerializer

    def get_queryset(self):
        courses = (
            permissions.courses_visible_to(self.request.user)
            .annotate(lesson_count=Count("modules__lessons", distinct=True))
            .order_by("-is_onboarding", "title", "pk")
        )
        enrolled = self.request.query_params.get("enrolled")
        if enrolled is not None:
            if enrolled not in ("true", "false"):
                raise ValidationError({"enrolled": _("Must be true or false.")})
            mine = courses.filter(enrolments__user=self.request.user)
            courses = mine if enrolled == "true" else courses.exclude(pk__in=mine.values("pk"))
        return courses

    def _progress(self, courses) -> dict:
        ids = [course.pk for course in courses]
        return {item.course.pk: item for item in selectors.learner_progress(self.request.user, course_ids=ids)}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        serializer = CourseSerializer(page, many=True, context={"progress": self._progress(page)})
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        course = self.get_object()
        course.outline = list(selectors.course_outline(course))
        context = {"progress": self._progress([course]), "viewed": selectors.viewed_lesson_ids(request.user, course)}
        return Response(CourseDetailSerializer(course, context=context).data)

    @extend_schema(request=None, responses={201: ProgressSerializer, 200: ProgressSerializer})
    @action(detail=True, methods=["post"])
    def enrolment(self, request, pk=None):
        """Enrol the signed-in person in a published course (the prerequisite must be completed)."""
        course = self.get_object()
        already = selectors.enrolment_of(request.user, course) is not None
        try:
            services.enrol(request.user, course)
        except services.EnrolmentError as error:
            raise ValidationError({"course": error.messages}) from error
        progress = self._progress([course])[course.pk]
        return Response(
            ProgressSerializer(progress).data, status=status.HTTP_200_OK if already else status.HTTP_201_CREATED
        )

    @extend_schema(responses=LearnerSerializer(many=True))
    @action(detail=True, methods=["get"])
    def learners(self, request, pk=None):
        """The learners of a course and how far they are, for the trainers who edit it and the secretariat."""
        course = self.get_object()
        if not permissions.can_edit_course(request.user, course):
            raise Http404
        page = self.paginate_queryset(selectors.learners_of(course))
        return self.get_paginated_response(LearnerSerializer(page, many=True).data)
