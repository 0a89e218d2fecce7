from rest_framework import serializers

from citydiplomacy.core.models import City, Country, OrganisationUnit, Region, Theme

from .fields import TranslatedField


class OrganisationUnitSerializer(serializers.ModelSerializer):
    name = TranslatedField(required_languages=["fi"])
    abbreviation = TranslatedField(required=False)

    class Meta:
        model = OrganisationUnit
        fields = ["id", "code", "name", "abbreviation", "kind", "parent", "is_active"]


class CountrySerializer(serializers.ModelSerializer):
    name = TranslatedField(read_only=True)

    class Meta:
        model = Country
        fields = ["id", "code", "alpha3", "name", "continent"]


class RegionSerializer(serializers.ModelSerializer):
    name = TranslatedField(read_only=True)
    countries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "countries"]


class CitySerializer(serializers.ModelSerializer):
    name = TranslatedField(read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = City
        fields = ["id", "geonameid", "name", "country", "latitude", "longitude", "population"]


class ThemeSerializer(serializers.ModelSerializer):
    name = TranslatedField(read_only=True)
    description = TranslatedField(read_only=True)

    class Meta:
        model = Theme
        fields = ["id", "scheme", "code", "name", "description", "order"]
