"""Composite indices in the API: definitions validated like the builder, ``run`` and
``uncertainty`` actions, and the stored results."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..models import ComparisonCity, CompositeIndex, IndexResult, PeerSet, UncertaintyRun
from ..services import indices
from .common import CoordinatorOnlyWrites, CoordinatorWrites

# Composite indices --------------------------------------------------------------------------


class CompositeIndexSerializer(serializers.ModelSerializer):
    cities = serializers.PrimaryKeyRelatedField(
        queryset=ComparisonCity.objects.all(), many=True, required=False
    )
    latest_result = serializers.SerializerMethodField()

    class Meta:
        model = CompositeIndex
        fields = [
            "id",
            "name",
            "description",
            "hierarchy",
            "spec",
            "year",
            "peer_set",
            "cities",
            "unit",
            "visibility",
            "latest_result",
        ]

    def get_latest_result(self, index) -> int | None:
        runs = getattr(index, "result_ids", None)
        return runs[0].pk if runs else None

    def validate_cities(self, cities):
        seen = set()
        for city in cities:
            if city.pk in seen:
                raise serializers.ValidationError(f"{city.code} is listed twice.")
            seen.add(city.pk)
        return cities

    def validate_peer_set(self, peer_set):
        user = self.context["request"].user
        if peer_set and not PeerSet.objects.visible_to(user).filter(pk=peer_set.pk).exists():
            raise serializers.ValidationError("Unknown peer set.")
        return peer_set

    def validate(self, attrs):
        hierarchy = attrs.get("hierarchy", getattr(self.instance, "hierarchy", None))
        spec = attrs.get("spec", getattr(self.instance, "spec", None))
        try:
            indices.check_definition(hierarchy, spec)
        except indices.IndexDefinitionError as error:
            raise serializers.ValidationError(error.problems) from None
        return attrs


class UncertaintyRequestSerializer(serializers.Serializer):
    factors = serializers.JSONField()
    n = serializers.IntegerField(min_value=1, max_value=10_000, default=100)
    seed = serializers.IntegerField(required=False, allow_null=True, default=None)


class UncertaintyRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = UncertaintyRun
        fields = [
            "id",
            "result",
            "created_at",
            "finished_at",
            "factors",
            "n",
            "seed",
            "analysis",
            "status",
            "error",
            "run_count",
            "rank_stats",
            "sensitivity",
            "failures",
        ]


class IndexResultSerializer(serializers.ModelSerializer):
    home_city_code = serializers.CharField(source="home_city.code", read_only=True, default=None)

    class Meta:
        model = IndexResult
        fields = [
            "id",
            "index",
            "created_at",
            "year",
            "spec",
            "meta",
            "inputs",
            "scores",
            "vintage",
            "home_city",
            "home_city_code",
            "home_rank",
            "home_score",
            "unit_count",
        ]


class CompositeIndexViewSet(CoordinatorOnlyWrites, viewsets.ModelViewSet):
    """Composite indices; ``run`` computes and stores a result, ``uncertainty`` analyses it."""

    serializer_class = CompositeIndexSerializer
    filterset_fields = ["year", "peer_set"]

    def get_queryset(self):

        latest = IndexResult.objects.only("pk", "index_id", "created_at").order_by(
            "-created_at", "-pk"
        )
        return (
            CompositeIndex.objects.visible_to(self.request.user)
            .select_related("peer_set__home")
            .prefetch_related("cities", Prefetch("results", queryset=latest, to_attr="result_ids"))
        )

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer):
        serializer.save(modified_by=self.request.user)

    @extend_schema(
        request=None,
        responses={201: IndexResultSerializer, 400: OpenApiResponse(description="cannot compute")},
    )
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        try:
            result = indices.run_index(self.get_object(), request.user)
        except (indices.IndexDefinitionError, indices.IndexRunError) as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(IndexResultSerializer(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=UncertaintyRequestSerializer,
        responses={201: UncertaintyRunSerializer, 400: OpenApiResponse(description="bad factors")},
    )
    @action(detail=True, methods=["post"])
    def uncertainty(self, request, pk=None):
        result = self.get_object().results.first()
        if result is None:
            return Response(
                {"detail": "Compute the index first."}, status=status.HTTP_400_BAD_REQUEST
            )
        body = UncertaintyRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            run = indices.start_uncertainty(result, user=request.user, **body.validated_data)
        except indices.IndexDefinitionError as error:
            return Response(error.problems, status=status.HTTP_400_BAD_REQUEST)
        return Response(UncertaintyRunSerializer(run).data, status=status.HTTP_201_CREATED)


class IndexResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored results of the indices the user may see."""

    serializer_class = IndexResultSerializer
    permission_classes = [CoordinatorWrites]
    filterset_fields = ["index"]

    def get_queryset(self):
        visible = CompositeIndex.objects.visible_to(self.request.user)
        return IndexResult.objects.filter(index__in=visible).select_related("home_city")


class UncertaintyRunViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UncertaintyRunSerializer
    permission_classes = [CoordinatorWrites]
    filterset_fields = ["result"]

    def get_queryset(self):
        visible = CompositeIndex.objects.visible_to(self.request.user)
        return UncertaintyRun.objects.filter(result__index__in=visible)
