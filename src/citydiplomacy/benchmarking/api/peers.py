"""Peer sets in the API: POST runs the selection and stores it with its explanations."""

from rest_framework import serializers, viewsets

from citydiplomacy.core.models import Region

from ..models import ComparisonCity, PeerSet, PeerSetMember
from ..services import peersets
from .common import CoordinatorOnlyWrites

# Peer sets ----------------------------------------------------------------------------------


class PeerMemberSerializer(serializers.ModelSerializer):
    city_code = serializers.CharField(source="city.code", read_only=True)
    city_name = serializers.CharField(source="city.name", read_only=True)

    class Meta:
        model = PeerSetMember
        fields = [
            "city",
            "city_code",
            "city_name",
            "rank",
            "distance",
            "forced",
            "shared_indicators",
            "note",
            "contributions",
        ]


class PeerSetSerializer(serializers.ModelSerializer):
    members = PeerMemberSerializer(many=True, read_only=True)
    k = serializers.IntegerField(write_only=True, min_value=1, max_value=50, default=10)
    must_include = serializers.PrimaryKeyRelatedField(
        queryset=ComparisonCity.objects.all(), many=True, write_only=True, required=False
    )
    exclude = serializers.PrimaryKeyRelatedField(
        queryset=ComparisonCity.objects.all(), many=True, write_only=True, required=False
    )
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), write_only=True, required=False
    )
    standardisation = serializers.ChoiceField(
        choices=["zscore", "robust"], write_only=True, default="zscore"
    )
    min_overlap = serializers.IntegerField(write_only=True, required=False, min_value=1)

    class Meta:
        model = PeerSet
        fields = [
            "id",
            "name",
            "rationale",
            "home",
            "year",
            "weights",
            "parameters",
            "excluded",
            "vintage",
            "members",
            "unit",
            "visibility",
            "created_at",
            "k",
            "must_include",
            "exclude",
            "region",
            "standardisation",
            "min_overlap",
        ]
        read_only_fields = ["parameters", "excluded", "vintage", "created_at"]

    def validate_weights(self, weights):
        if not isinstance(weights, dict) or not weights:
            raise serializers.ValidationError('Expected {"indicator code": weight, …}.')
        for code, weight in weights.items():
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
                raise serializers.ValidationError(f"{code}: the weight must be a number ≥ 0.")
        return weights

    def create(self, data):
        request = peersets.PeerRequest(
            home=data["home"],
            year=data["year"],
            weights=data["weights"],
            k=data["k"],
            must_include=data.get("must_include", []),
            exclude=data.get("exclude", []),
            region=data.get("region"),
            standardisation=data["standardisation"],
            min_overlap=data.get("min_overlap"),
        )
        try:
            selection = peersets.select_peers(request)
        except peersets.PeerSetError as error:
            raise serializers.ValidationError({"non_field_errors": [str(error)]}) from None
        return peersets.save_peer_set(
            selection,
            name=data["name"],
            rationale=data.get("rationale", ""),
            unit=data["unit"],
            visibility=data.get("visibility", "internal"),
            user=self.context["request"].user,
        )


class PeerSetUpdateSerializer(serializers.ModelSerializer):
    """After saving, only the description of a peer set changes; the choice itself stays."""

    class Meta:
        model = PeerSet
        fields = ["id", "name", "rationale", "unit", "visibility"]


class PeerSetViewSet(CoordinatorOnlyWrites, viewsets.ModelViewSet):
    """Saved peer sets; POST runs the selection and stores it with its explanations."""

    filterset_fields = ["home", "year"]

    def get_queryset(self):
        return (
            PeerSet.objects.visible_to(self.request.user)
            .select_related("home")
            .prefetch_related("members__city")
        )

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return PeerSetUpdateSerializer
        return PeerSetSerializer

    def perform_update(self, serializer):
        serializer.save(modified_by=self.request.user)
