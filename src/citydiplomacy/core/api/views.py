from django_filters import rest_framework as filters
from rest_framework import viewsets

from citydiplomacy.core import places
from citydiplomacy.core.models import City, Country, OrganisationUnit, Region, Theme

from . import serializers
from .permissions import ReadOnly


class OrganisationUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisation units of the city and the external actors it works with."""

    queryset = OrganisationUnit.objects.all()
    serializer_class = serializers.OrganisationUnitSerializer
    filterset_fields = ["kind", "parent", "is_active"]


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Country.objects.all()
    serializer_class = serializers.CountrySerializer
    permission_classes = [ReadOnly]
    filterset_fields = ["code", "continent"]


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Region.objects.prefetch_related("countries")
    serializer_class = serializers.RegionSerializer
    permission_classes = [ReadOnly]


class CityFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="name or other spelling (inflection-tolerant)")
    country = filters.CharFilter(field_name="country__code")

    class Meta:
        model = City
        fields = ["country", "geonameid"]

    def search(self, queryset, name, value):
        ids = [c.pk for c in places.search_cities(value, limit=100)]
        return queryset.filter(pk__in=ids)


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = City.objects.select_related("country")
    serializer_class = serializers.CitySerializer
    permission_classes = [ReadOnly]
    filterset_class = CityFilter


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Theme.objects.all()
    serializer_class = serializers.ThemeSerializer
    permission_classes = [ReadOnly]
    filterset_fields = ["scheme", "code"]
