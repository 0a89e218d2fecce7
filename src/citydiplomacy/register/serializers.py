"""API representations of activities and partner organisations."""

from types import SimpleNamespace

from django.db import transaction
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField, PKOnlyObject

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import EditConflict, save_versioned
from citydiplomacy.core.models import City, Country, OrganisationUnit, Theme
from citydiplomacy.plan.models import Measure, Objective

from .models import Activity, PartnerOrganisation

VERSION_HELP = "The version the change is based on; a save over a newer version is refused (409)."


class VersionConflict(serializers.ValidationError):
    status_code = 409


def _conflict(kind: str, expected, conflict: EditConflict) -> VersionConflict:
    changed = ", ".join(conflict.changed_fields) or "relations"
    return VersionConflict(
        {
            "version": f"The {kind} was changed by someone else since version {expected} "
            f"(now version {conflict.current.version}; changed: {changed}). "
            "Load it again and redo your change."
        }
    )


class _LinkedMany(ManyRelatedField):
    """A many-valued relation that reads the ids loaded for a whole page at once
    (``instance._links``, see :func:`attach_links`) instead of one manager per activity."""

    def get_attribute(self, instance):
        links = getattr(instance, "_links", None)
        if links is None:
            return super().get_attribute(instance)
        return links[self.field_name]


class _LinkedMixin:
    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return _LinkedMany(**list_kwargs)


class LinkedPrimaryKeyField(_LinkedMixin, serializers.PrimaryKeyRelatedField):
    pass


class LinkedSlugField(_LinkedMixin, serializers.SlugRelatedField):
    pass


#: The activity's many-valued relations, and what the API shows of each target.
LINKS = {
    "units": "id",
    "external_actors": "id",
    "countries": "code",
    "cities": "id",
    "partners": "id",
    "objectives": "id",
    "measures": "id",
    "themes": "id",
}


def attach_links(activities) -> None:
    """Load the relations of ``activities`` with one small query per relation on its through
    table, so a page costs the same number of queries whatever its size."""
    activities = list(activities)
    if not activities:
        return
    ids = [activity.pk for activity in activities]
    found = {activity.pk: {name: [] for name in LINKS} for activity in activities}
    for name, shown in LINKS.items():
        field = Activity._meta.get_field(name)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        value = f"{target}__{shown}" if shown != "id" else f"{target}_id"
        pairs = (
            field.remote_field.through.objects.filter(**{f"{source}_id__in": ids})
            .order_by(f"{target}_id")
            .values_list(f"{source}_id", value)
        )
        for activity_id, key in pairs:
            found[activity_id][name].append(
                SimpleNamespace(code=key) if shown == "code" else PKOnlyObject(pk=key)
            )
    for activity in activities:
        activity._links = found[activity.pk]


class _VersionedSerializer(serializers.ModelSerializer):
    """Creates and updates with an optimistic lock: ``version`` in an update must be current."""

    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)
    relations: tuple[str, ...] = ()
    kind_name = "record"

    def create(self, validated_data):
        validated_data.pop("version", None)
        user = self.context["request"].user
        relations = {k: validated_data.pop(k) for k in self.relations if k in validated_data}
        with transaction.atomic():
            instance = self.Meta.model.objects.create(
                **validated_data, created_by=user, modified_by=user
            )
            for key, value in relations.items():
                getattr(instance, key).set(value)
        return instance

    def update(self, instance, validated_data):
        expected = validated_data.pop("version", None)
        relations = {k: validated_data.pop(k) for k in self.relations if k in validated_data}
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.modified_by = self.context["request"].user
        try:
            with transaction.atomic():
                save_versioned(instance, expected, fields=list(validated_data))
                for key, value in relations.items():
                    getattr(instance, key).set(value)
        except EditConflict as conflict:
            raise _conflict(self.kind_name, expected, conflict) from None
        return instance


class ActivitySerializer(_VersionedSerializer):
    countries = LinkedSlugField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Country.objects.all(),
        help_text="ISO 3166 alpha-2 codes.",
    )
    units = LinkedPrimaryKeyField(
        many=True,
        required=False,
        queryset=OrganisationUnit.objects.internal(),
        help_text="Other units of the city taking part.",
    )
    external_actors = LinkedPrimaryKeyField(
        many=True, required=False, queryset=OrganisationUnit.objects.external()
    )
    cities = LinkedPrimaryKeyField(many=True, required=False, queryset=City.objects.all())
    partners = LinkedPrimaryKeyField(
        many=True, required=False, queryset=PartnerOrganisation.objects.all()
    )
    objectives = LinkedPrimaryKeyField(many=True, required=False, queryset=Objective.objects.all())
    measures = LinkedPrimaryKeyField(many=True, required=False, queryset=Measure.objects.none())
    themes = LinkedPrimaryKeyField(many=True, required=False, queryset=Theme.objects.all())
    relations = (
        "units",
        "external_actors",
        "countries",
        "cities",
        "partners",
        "objectives",
        "measures",
        "themes",
    )
    kind_name = "activity"

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "status",
            "start_date",
            "end_date",
            "unit",
            "units",
            "external_actors",
            "countries",
            "cities",
            "partners",
            "objectives",
            "measures",
            "themes",
            "delegation_level",
            "participant_count",
            "senior_participant_count",
            "participants",
            "budget",
            "actual_cost",
            "outcomes",
            "visibility",
            "version",
            "created_at",
            "modified_at",
        ]
        read_only_fields = ["created_at", "modified_at"]
        extra_kwargs = {
            "unit": {"queryset": OrganisationUnit.objects.internal()},
            "budget": {"min_value": 0},
            "actual_cost": {"min_value": 0},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "measures" in self.fields:
            # Only measures the user may see can be linked.
            self.fields["measures"].child_relation.queryset = Measure.objects.visible_to(
                request.user
            )

    def validate_unit(self, unit):
        if not access.can_edit_unit(self.context["request"].user, unit):
            raise serializers.ValidationError("You cannot record activities for this unit.")
        return unit

    def validate(self, attrs):
        def value(name):
            return attrs.get(name, getattr(self.instance, name, None))

        start, end = value("start_date"), value("end_date")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The end date is before the start date."}
            )
        seniors, everyone = value("senior_participant_count"), value("participant_count")
        if seniors is not None and everyone is not None and seniors > everyone:
            raise serializers.ValidationError(
                {
                    "senior_participant_count": "More elected members or directors than "
                    "participants in all."
                }
            )
        return attrs


class PartnerOrganisationSerializer(_VersionedSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code",
        required=False,
        allow_null=True,
        queryset=Country.objects.all(),
        help_text="ISO 3166 alpha-2 code.",
    )
    kind_name = "partner organisation"

    class Meta:
        model = PartnerOrganisation
        fields = ["id", "name", "kind", "country", "city", "website", "notes", "version"]
        validators = []  # the unique name-in-country rule is checked in validate()

    def validate(self, attrs):
        name = attrs.get("name", getattr(self.instance, "name", None))
        country = attrs.get("country", getattr(self.instance, "country", None))
        city = attrs.get("city", getattr(self.instance, "city", None))
        if city is not None and country is not None and city.country_id != country.pk:
            raise serializers.ValidationError({"city": "The city is not in the country."})
        same = PartnerOrganisation.objects.filter(name=name, country=country)
        if self.instance is not None:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise serializers.ValidationError(
                {"name": "A partner organisation of this name in this country exists already."}
            )
        return attrs
