from django.db import transaction
from django.db.models import Q
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from citydiplomacy.core import access
from citydiplomacy.core.api.fields import TranslatedField
from citydiplomacy.core.concurrency import EditConflict, save_versioned

from . import services
from .models import (
    Indicator,
    IndicatorValue,
    Measure,
    Objective,
    Plan,
    StatusUpdate,
    Tool,
)


class PlanItemSerializer(serializers.ModelSerializer):
    title = TranslatedField(required_languages=["fi"])
    description = TranslatedField(required=False)

    class Meta:
        fields = ["id", "plan", "number", "title", "description", "version"]
        read_only_fields = ["version"]

    def validate_plan(self, plan):
        request = self.context["request"]
        if not Plan.objects.editable_by(request.user).filter(pk=plan.pk).exists():
            raise serializers.ValidationError("You cannot edit this plan.")
        return plan


class ObjectiveSerializer(PlanItemSerializer):
    class Meta(PlanItemSerializer.Meta):
        model = Objective


class ToolSerializer(PlanItemSerializer):
    class Meta(PlanItemSerializer.Meta):
        model = Tool


class PlanSerializer(serializers.ModelSerializer):
    title = TranslatedField(required_languages=["fi"])
    summary = TranslatedField(required=False)
    decided_by = TranslatedField(required=False)
    objectives = ObjectiveSerializer(many=True, read_only=True)
    tools = ToolSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "summary",
            "start_year",
            "end_year",
            "status",
            "decided_by",
            "is_published",
            "unit",
            "visibility",
            "objectives",
            "tools",
            "version",
        ]
        read_only_fields = ["version"]

    def validate(self, attrs):
        start = attrs.get("start_year", getattr(self.instance, "start_year", None))
        end = attrs.get("end_year", getattr(self.instance, "end_year", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_year": "The last year cannot be before the first year."}
            )
        return attrs


class PlanViewSet(viewsets.ModelViewSet):
    """Plans the user may see; coordinators and the owning unit's editors change them."""

    serializer_class = PlanSerializer
    filterset_fields = ["status", "is_published"]

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user).prefetch_related("objectives", "tools")

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user, modified_by=self.request.user)


class _PlanItemViewSet(viewsets.ModelViewSet):
    filterset_fields = ["plan"]

    def get_queryset(self):
        visible = Plan.objects.visible_to(self.request.user)
        return self.serializer_class.Meta.model.objects.filter(plan__in=visible).select_related(
            "plan__unit"
        )


class ObjectiveViewSet(_PlanItemViewSet):
    serializer_class = ObjectiveSerializer


class ToolViewSet(_PlanItemViewSet):
    serializer_class = ToolSerializer


class VersionConflict(serializers.ValidationError):
    status_code = 409


class MeasureSerializer(serializers.ModelSerializer):
    title = TranslatedField(required_languages=["fi"])
    description = TranslatedField(required=False)
    version = serializers.IntegerField(
        required=False,
        help_text="The version the change is based on; a save over a newer version is refused.",
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "code",
            "title",
            "description",
            "objectives",
            "tools",
            "unit",
            "partner_units",
            "themes",
            "owner",
            "start_date",
            "end_date",
            "status",
            "progress",
            "weight",
            "budget",
            "update_interval_days",
            "visibility",
            "version",
        ]
        read_only_fields = ["status", "progress"]

    def validate_plan(self, plan):
        if not Plan.objects.visible_to(self.context["request"].user).filter(pk=plan.pk).exists():
            raise serializers.ValidationError("No such plan.")
        return plan

    def validate_unit(self, unit):
        if not access.can_edit_unit(self.context["request"].user, unit):
            raise serializers.ValidationError("You cannot create or move records to this unit.")
        return unit

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": "The end cannot be before the start."})
        plan = attrs.get("plan", getattr(self.instance, "plan", None))
        for name in ("objectives", "tools"):
            wrong = [item.pk for item in attrs.get(name, []) if item.plan_id != plan.pk]
            if wrong:
                raise serializers.ValidationError({name: f"Not of this plan: {wrong}."})
        return attrs

    def create(self, validated_data):
        validated_data.pop("version", None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        """Refuse the save when ``version`` is given and the record changed since (HTTP 409)."""
        expected = validated_data.pop("version", None)
        relations = {
            k: validated_data.pop(k)
            for k in list(validated_data)
            if k in ("objectives", "tools", "partner_units", "themes")
        }
        for key, value in validated_data.items():
            setattr(instance, key, value)
        try:
            with transaction.atomic():
                save_versioned(instance, expected, fields=list(validated_data))
                for key, value in relations.items():
                    getattr(instance, key).set(value)
        except EditConflict as conflict:
            raise VersionConflict(
                {
                    "version": f"The measure changed since version {expected}; "
                    f"changed: {', '.join(conflict.changed_fields) or 'relations'}."
                }
            ) from None
        return instance


class MeasureViewSet(viewsets.ModelViewSet):
    """Measures of the plans the user may see. Status and progress change through status
    updates; ``version`` in an update refuses a save over someone else's change (409)."""

    serializer_class = MeasureSerializer
    filterset_fields = ["plan", "status", "unit", "objectives", "tools"]

    def get_queryset(self):
        return (
            Measure.objects.visible_to(self.request.user)
            .select_related("unit")
            .prefetch_related("objectives", "tools", "partner_units", "themes")
            .order_by("plan", "code")
        )

    def perform_destroy(self, instance):
        if not instance.is_editable_by(self.request.user):
            raise PermissionDenied
        instance.delete()


class StatusUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusUpdate
        fields = ["id", "measure", "reported_on", "status", "progress", "text", "author"]
        read_only_fields = ["author"]
        extra_kwargs = {"reported_on": {"required": False}}

    def validate_measure(self, measure):
        user = self.context["request"].user
        if not Measure.objects.visible_to(user).filter(pk=measure.pk).exists():
            raise serializers.ValidationError("No such measure.")
        if not measure.is_editable_by(user):
            raise PermissionDenied("You cannot update this measure.")
        return measure

    def create(self, validated_data):
        return services.record_status_update(
            validated_data["measure"],
            self.context["request"].user,
            status=validated_data["status"],
            progress_percent=validated_data["progress"],
            text=validated_data.get("text", ""),
            reported_on=validated_data.get("reported_on"),
        )


class StatusUpdateViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Status updates are records of what was reported: created and read, never edited."""

    serializer_class = StatusUpdateSerializer
    filterset_fields = ["measure", "status"]

    def get_queryset(self):
        visible = Measure.objects.visible_to(self.request.user)
        return StatusUpdate.objects.filter(measure__in=visible).order_by("-reported_on", "-id")


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["year", "kind", "value", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    name = TranslatedField(required_languages=["fi"])
    values = IndicatorValueSerializer(many=True, required=False)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "objective",
            "measure",
            "code",
            "name",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "source",
            "values",
        ]

    def validate(self, attrs):
        plan = attrs.get("plan", getattr(self.instance, "plan", None))
        objective = attrs.get("objective", getattr(self.instance, "objective", None))
        measure = attrs.get("measure", getattr(self.instance, "measure", None))
        if objective is None and measure is None:
            raise serializers.ValidationError("An indicator belongs to an objective or a measure.")
        for owner in (objective, measure):
            if owner is not None and owner.plan_id != plan.pk:
                raise serializers.ValidationError("The objective or measure is of another plan.")
        user = self.context["request"].user
        unit = measure.unit if measure is not None else plan.unit
        if not access.can_edit_unit(user, unit):
            raise PermissionDenied("You cannot edit this indicator.")
        errors = {}
        for index, value in enumerate(attrs.get("values", [])):
            if value["kind"] == "target" and value["year"] not in plan.years:
                period = f"{plan.start_year}–{plan.end_year}"
                errors[f"values[{index}].year"] = (
                    f"A target must be for a year of the plan period ({period})."
                )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        values = validated_data.pop("values", [])
        indicator = Indicator.objects.create(**validated_data)
        IndicatorValue.objects.bulk_create(IndicatorValue(indicator=indicator, **v) for v in values)
        return indicator

    @transaction.atomic
    def update(self, instance, validated_data):
        values = validated_data.pop("values", None)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.save()
        for value in values or []:
            IndicatorValue.objects.update_or_create(
                indicator=instance,
                year=value["year"],
                kind=value["kind"],
                defaults={"value": value["value"], "note": value.get("note", "")},
            )
        return instance


class IndicatorViewSet(viewsets.ModelViewSet):
    serializer_class = IndicatorSerializer
    filterset_fields = ["plan", "objective", "measure"]

    def get_queryset(self):
        user = self.request.user
        plans = Plan.objects.visible_to(user)
        measures = Measure.objects.visible_to(user)
        return (
            Indicator.objects.filter(plan__in=plans)
            .filter(Q(measure__isnull=True) | Q(measure__in=measures))
            .prefetch_related("values")
            .order_by("plan", "code")
        )
