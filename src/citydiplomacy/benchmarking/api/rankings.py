"""The ranking tracker in the API: rankings, entries and targets."""

from rest_framework import mixins, serializers, viewsets

from ..models import ExternalRanking, RankingEntry, RankingTarget
from .common import CoordinatorOnlyWrites

# Rankings -----------------------------------------------------------------------------------


class ExternalRankingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalRanking
        fields = [
            "id",
            "name",
            "publisher",
            "url",
            "description",
            "is_example",
            "unit",
            "visibility",
        ]


class ExternalRankingViewSet(CoordinatorOnlyWrites, viewsets.ModelViewSet):
    serializer_class = ExternalRankingSerializer

    def get_queryset(self):
        return ExternalRanking.objects.visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer):
        serializer.save(modified_by=self.request.user)


class _RankingPartSerializer(serializers.ModelSerializer):
    def validate_ranking(self, ranking):
        user = self.context["request"].user
        if not ExternalRanking.objects.visible_to(user).filter(pk=ranking.pk).exists():
            raise serializers.ValidationError("Unknown ranking.")
        return ranking


class RankingEntrySerializer(_RankingPartSerializer):
    class Meta:
        model = RankingEntry
        fields = ["id", "ranking", "year", "city", "rank", "score"]

    def validate(self, attrs):
        rank = attrs.get("rank", getattr(self.instance, "rank", None))
        score = attrs.get("score", getattr(self.instance, "score", None))
        if rank is None and score is None:
            raise serializers.ValidationError("Give a rank or a score.")
        return attrs


class RankingTargetSerializer(_RankingPartSerializer):
    class Meta:
        model = RankingTarget
        fields = ["id", "ranking", "year", "target_rank"]


class _RankingPartViewSet(
    CoordinatorOnlyWrites,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    filterset_fields = ["ranking", "year"]

    def get_queryset(self):
        visible = ExternalRanking.objects.visible_to(self.request.user)
        return self.serializer_class.Meta.model.objects.filter(ranking__in=visible)


class RankingEntryViewSet(_RankingPartViewSet):
    serializer_class = RankingEntrySerializer
    filterset_fields = ["ranking", "year", "city"]


class RankingTargetViewSet(_RankingPartViewSet):
    serializer_class = RankingTargetSerializer
