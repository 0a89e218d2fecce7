from django.db import transaction
from rest_framework import serializers, viewsets

from citydiplomacy.core.api.fields import TranslatedField

from .models import Objective, Plan, Tool


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
