"""The JSON API of reviews. Every endpoint asks reviews.permissions, like the pages do."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from reviews import permissions, selectors, services
from reviews.api.serializers import (
    AnswerSerializer,
    AnswerWriteSerializer,
    CommentSerializer,
    CommentWriteSerializer,
    OutputsSerializer,
    ReviewSerializer,
)
from reviews.enums import CommentKind, Step, ThreadVisibility
from reviews.forms import idempotency_key_from
from reviews.models import Answer, AssistanceNeed, Feedback, ObservationList, Question, Summary

# An answer's or an observation's technical-assistance needs, with what the API shows of them, in one query each.
NEEDS_SHOWN = AssistanceNeed.objects.select_related("category", "article__instrument")
NEEDS = Prefetch("assistance_needs", queryset=NEEDS_SHOWN)

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="8 to 64 letters, digits, - or _, new for each write: a retry with the same key stores nothing new.",
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("step", OpenApiTypes.STR, enum=Step.values, description="Only reviews at this step."),
            OpenApiParameter("cycle", OpenApiTypes.INT, description="Only reviews of this review cycle (its id)."),
        ]
    )
)
class ReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Reviews the signed-in person may see."""

    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        reviews = (
            permissions.reviews_visible_to(self.request.user)
            .select_related("state", "cycle__cluster", "group")
            .prefetch_related("pairings__instrument", "pairings__reviewing_state", "questionnaires")
            .order_by("pk")
        )
        step = self.request.query_params.get("step")
        if step:
            if step not in Step.values:
                raise ValidationError({"step": _("Unknown step: %(step)s.") % {"step": step}})
            reviews = reviews.filter(step=step)
        cycle = self.request.query_params.get("cycle")
        if cycle:
            if not cycle.isdigit():
                raise ValidationError({"cycle": _("Must be a number.")})
            reviews = reviews.filter(cycle_id=int(cycle))
        return reviews

    def review(self):
        return selectors.get_review_for_user(self.request.user, self.kwargs["pk"])

    @extend_schema(responses=AnswerSerializer(many=True))
    @action(detail=True, methods=["get"])
    def answers(self, request, pk=None):
        review = self.review()
        if not permissions.can_read_answers(request.user, review):
            raise Http404
        answers = (
            Answer.objects.filter(review=review)
            .select_related("question", "updated_by")
            .prefetch_related(NEEDS)
            .order_by("question__order")
        )
        page = selectors.with_current_evidence(list(self.paginate_queryset(answers) or []))
        return self.get_paginated_response(AnswerSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        request=AnswerWriteSerializer,
        responses={200: AnswerSerializer, 409: AnswerSerializer},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @action(detail=True, methods=["put"], url_path=r"answers/(?P<question_id>\d+)")
    def answer(self, request, pk=None, question_id=None):
        review = self.review()
        if not permissions.can_answer(request.user, review):
            raise PermissionDenied(_("You cannot answer this questionnaire now."))
        question = get_object_or_404(
            Question.objects.prefetch_related("choices"), pk=question_id, questionnaire__reviews=review
        )
        data = AnswerWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            answer = services.save_answer(
                review,
                question,
                value=data.validated_data["value"],
                base_revision=data.validated_data["base_revision"],
                user=request.user,
                idempotency_key=idempotency_key_from(request),
            )
        except services.AnswerConflict as conflict:
            prefetch_related_objects([conflict.answer], NEEDS)
            current = AnswerSerializer(conflict.answer, context={"request": request}).data
            return Response(
                {"detail": str(conflict), "current": current},
                status=status.HTTP_409_CONFLICT,
            )
        except services.ReviewError as error:
            raise ValidationError({"value": str(error)}) from error
        prefetch_related_objects([answer], NEEDS)
        return Response(AnswerSerializer(answer, context={"request": request}).data)

    @extend_schema(
        request=CommentWriteSerializer, responses=CommentSerializer(many=True), parameters=[IDEMPOTENCY_HEADER]
    )
    @action(detail=True, methods=["get", "post"])
    def comments(self, request, pk=None):
        review = self.review()
        if request.method == "POST":
            return self._post_comment(request, review)
        after = request.query_params.get("after", "0")
        if not after.isdigit():
            raise ValidationError({"after": _("Must be the number of a comment.")})
        comments = selectors.visible_comments(request.user, review).filter(pk__gt=int(after)).order_by("pk")
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)

    def _post_comment(self, request, review):
        data = CommentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        question = None
        if values.get("question"):
            question = get_object_or_404(Question, pk=values["question"], questionnaire__reviews=review)
        parent = None
        if values.get("parent"):
            parent = selectors.get_comment_for_user(request.user, review, values["parent"])
        try:
            thread = services.get_or_create_thread(
                review, question=question, visibility=ThreadVisibility(values["visibility"])
            )
            if not permissions.can_view_thread(request.user, thread):
                raise Http404
            comment = services.post_comment(
                thread,
                author=request.user,
                body=values["body"],
                parent=parent,
                kind=CommentKind(values["kind"]),
                idempotency_key=idempotency_key_from(request),
            )
        except services.CommentError as error:
            raise PermissionDenied(str(error)) from error
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OutputsSerializer)
    @action(detail=True, methods=["get"])
    def outputs(self, request, pk=None):
        review = self.review()
        if not permissions.can_read_dialogue(request.user, review):
            raise Http404
        feedback = [
            item
            for item in Feedback.objects.filter(review=review).select_related("reviewing_state")
            if permissions.can_read_feedback(request.user, review, item)
        ]
        lists = (
            ObservationList.objects.filter(review=review)
            .select_related("reviewing_state")
            .prefetch_related(
                "items__articles", "items__questions", Prefetch("items__assistance_needs", queryset=NEEDS_SHOWN)
            )
        )
        data = {"feedback": feedback, "lists": lists, "summary": Summary.objects.filter(review=review).first()}
        return Response(OutputsSerializer(data).data)
