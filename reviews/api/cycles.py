"""Review cycles in the API: participants read those of their reviews, the secretariat creates and corrects them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from reviews import permissions, services
from reviews.models import Cluster, Instrument, ReviewCycle
from revmod.states.enums import InstrumentCode


class CycleSerializer(serializers.ModelSerializer):
    cluster = serializers.IntegerField(source="cluster.number")
    instruments = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    is_drawn = serializers.BooleanField()

    class Meta:
        model = ReviewCycle
        fields = [
            "id",
            "title",
            "cluster",
            "first_year",
            "group_count",
            "requires_onboarding",
            "instruments",
            "required_languages",
            "status",
            "is_drawn",
            "created_at",
        ]


class CycleWriteSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="number", queryset=Cluster.objects.all())
    first_year = serializers.IntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    group_count = serializers.IntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    instruments = serializers.SlugRelatedField(
        many=True,
        slug_field="code",
        queryset=Instrument.objects.all(),
        help_text="The codes of the instruments covered; the Convention (untoc) is always one of them.",
    )

    required_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES if code != "en"]),
        required=False,
        help_text="The languages, besides English, its questionnaires must be complete in before they are published.",
    )

    class Meta:
        model = ReviewCycle
        fields = [
            "title",
            "cluster",
            "first_year",
            "group_count",
            "requires_onboarding",
            "instruments",
            "required_languages",
        ]

    def validate_required_languages(self, languages: list[str]) -> list[str]:
        return [code for code, _name in settings.LANGUAGES if code in set(languages)]

    def validate_instruments(self, instruments: list[Instrument]) -> list[Instrument]:
        if not any(instrument.code == InstrumentCode.CONVENTION for instrument in instruments):
            raise ValidationError(_("Every cycle reviews the Convention: include untoc."))
        return instruments


@extend_schema_view(
    create=extend_schema(request=CycleWriteSerializer, responses={201: CycleSerializer}),
    update=extend_schema(request=CycleWriteSerializer, responses=CycleSerializer),
    partial_update=extend_schema(request=CycleWriteSerializer, responses=CycleSerializer),
)
class CycleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Review cycles: those of one's reviews, or all of them for the secretariat, who alone writes them."""

    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return CycleWriteSerializer if self.action in ("create", "update", "partial_update") else CycleSerializer

    def get_queryset(self):
        return (
            permissions.cycles_visible_to(self.request.user)
            .select_related("cluster", "draw")
            .prefetch_related("instruments")
            .order_by("-first_year", "pk")
        )

    def _save(self, cycle: ReviewCycle, data: CycleWriteSerializer, *, status_code: int) -> Response:
        values = dict(data.validated_data)
        instruments = values.pop("instruments", None)
        if instruments is None:
            instruments = list(cycle.instruments.all()) if cycle.pk else []
        for name, value in values.items():
            setattr(cycle, name, value)
        try:
            saved = services.save_cycle(cycle, instruments=instruments, by=self.request.user)
        except services.ReviewError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        saved = self.get_queryset().get(pk=saved.pk)
        return Response(CycleSerializer(saved).data, status=status_code)

    def _may_write(self) -> None:
        if not permissions.can_manage_reviews(self.request.user):
            raise PermissionDenied(_("Only the secretariat manages review cycles."))

    def create(self, request, *args, **kwargs):
        self._may_write()
        data = CycleWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._save(ReviewCycle(), data, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        cycle = self.get_object()
        self._may_write()
        data = CycleWriteSerializer(cycle, data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        return self._save(cycle, data, status_code=status.HTTP_200_OK)
