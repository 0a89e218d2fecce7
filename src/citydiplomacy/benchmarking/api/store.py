"""The indicator store in the API: indicators, comparison cities, observations and data
vintages (public reference data; coordinators write)."""

from django.db.models import Q
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from citydiplomacy.core.api.fields import TranslatedField
from citydiplomacy.core.models import Country

from ..models import ComparisonCity, ImportBatch, Observation, StatIndicator
from .common import CoordinatorOnlyWrites, CoordinatorWrites

# The indicator store --------------------------------------------------------------------------


class StatIndicatorSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    description = TranslatedField(required=False)

    class Meta:
        model = StatIndicator
        fields = [
            "id",
            "code",
            "name",
            "description",
            "unit",
            "direction",
            "category",
            "source",
            "dataset",
            "licence",
            "attribution",
        ]


class StatIndicatorViewSet(CoordinatorOnlyWrites, viewsets.ModelViewSet):
    """Statistical indicators with their source and licence (public reference data)."""

    queryset = StatIndicator.objects.order_by("code")
    serializer_class = StatIndicatorSerializer
    filterset_fields = ["code", "category", "dataset"]


class ComparisonCitySerializer(serializers.ModelSerializer):
    area_kind = serializers.ChoiceField(
        source="kind", choices=ComparisonCity._meta.get_field("kind").choices
    )
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), allow_null=True, required=False
    )
    code = serializers.CharField(read_only=True)

    class Meta:
        model = ComparisonCity
        fields = [
            "id",
            "code",
            "name",
            "area_kind",
            "country",
            "city",
            "eurostat_code_2017",
            "eurostat_code_2021",
            "is_home",
        ]

    def validate(self, attrs):
        old = attrs.get("eurostat_code_2017", getattr(self.instance, "eurostat_code_2017", None))
        new = attrs.get("eurostat_code_2021", getattr(self.instance, "eurostat_code_2021", None))
        if not old and not new:
            raise serializers.ValidationError("Give a Eurostat code (2017 or 2021 edition).")
        return attrs

    def validate_is_home(self, is_home):
        other = ComparisonCity.objects.filter(is_home=True)
        if self.instance is not None:
            other = other.exclude(pk=self.instance.pk)
        if is_home and other.exists():
            raise serializers.ValidationError(f"{other.first()} is already the home city.")
        return is_home


class ComparisonCityFilter(filters.FilterSet):
    code = filters.CharFilter(method="by_code", label="Eurostat code (either edition)")
    area_kind = filters.CharFilter(field_name="kind")
    country = filters.CharFilter(field_name="country__code")

    class Meta:
        model = ComparisonCity
        fields = ["is_home"]

    def by_code(self, queryset, name, value):
        return queryset.filter(Q(eurostat_code_2017=value) | Q(eurostat_code_2021=value))


class ComparisonCityViewSet(CoordinatorOnlyWrites, viewsets.ModelViewSet):
    """Areas with statistics, with both Eurostat code editions (public reference data)."""

    queryset = ComparisonCity.objects.select_related("country").order_by("name", "pk")
    serializer_class = ComparisonCitySerializer
    filterset_class = ComparisonCityFilter


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    city_code = serializers.CharField(source="city.code", read_only=True)

    class Meta:
        model = Observation
        fields = ["id", "city", "city_code", "indicator", "year", "value", "flags", "batch"]


class ObservationFilter(filters.FilterSet):
    indicator = filters.CharFilter(field_name="indicator__code", label="indicator code")
    city_code = filters.CharFilter(method="by_code", label="city's Eurostat code")
    year_from = filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = Observation
        fields = ["city", "year"]

    def by_code(self, queryset, name, value):
        return queryset.filter(
            Q(city__eurostat_code_2017=value) | Q(city__eurostat_code_2021=value)
        )


class ObservationViewSet(viewsets.ReadOnlyModelViewSet):
    """Observations (city × indicator × year); written only by imports."""

    queryset = Observation.objects.select_related("city", "indicator").order_by("pk")
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    permission_classes = [CoordinatorWrites]


class ImportBatchSerializer(serializers.ModelSerializer):
    notice = serializers.CharField(read_only=True)

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "file_name",
            "format",
            "dataset",
            "source",
            "licence",
            "attribution",
            "notice",
            "sha256",
            "imported_at",
            "created_count",
            "updated_count",
            "unchanged_count",
        ]


class ImportBatchViewSet(viewsets.ReadOnlyModelViewSet):
    """Data vintages: the imported files."""

    queryset = ImportBatch.objects.all()
    serializer_class = ImportBatchSerializer
    permission_classes = [CoordinatorWrites]
