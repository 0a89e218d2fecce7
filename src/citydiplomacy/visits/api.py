"""The REST API of visit requests (staff side). Register with :func:`register_routes`.

Lists and details go through ``visible_to`` like the pages; workflow steps, triage, programme
items and outcomes go through the same services, so an illegal step is refused the same way.
The public submits requests through the form only.
"""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from citydiplomacy.core import access
from citydiplomacy.core.models import OrganisationUnit

from . import explain, services
from .models import (
    BusinessPotential,
    Outcome,
    ProgrammeItem,
    Suggestion,
    Transition,
    VisitRequest,
    VisitStatus,
)


class StaffPermission(BasePermission):
    """The city's own signed-in users; what each may see and do is decided per record."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or access.can_create(user)


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(" + "|".join(VisitStatus.values) + ")$",
        "description": "A workflow status: " + ", ".join(VisitStatus.values) + ".",
    }
)
class StatusField(serializers.ChoiceField):
    """A workflow status. Described by a pattern rather than an enum: the schema's enum
    components are named by field name, and other records' ``status`` enums take that name."""

    def __init__(self, **kwargs):
        super().__init__(choices=VisitStatus.choices, **kwargs)


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.StringRelatedField()
    from_status = serializers.CharField(read_only=True, help_text="Empty for the first step.")
    to_status = StatusField(read_only=True)

    class Meta:
        model = Transition
        fields = ["from_status", "to_status", "by", "at", "note", "emailed"]


class ProgrammeItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeItem
        fields = ["id", "starts_at", "ends_at", "title", "venue", "host_name", "host_unit", "notes"]

    def validate(self, attrs):
        if attrs["ends_at"] <= attrs["starts_at"]:
            raise serializers.ValidationError({"ends_at": "The item must end after it starts."})
        return attrs


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "kind", "description", "responsible_unit", "due_date", "done"]
        read_only_fields = ["done"]


class ReasonSerializer(serializers.Serializer):
    text = serializers.CharField()
    points = serializers.IntegerField()
    hard = serializers.BooleanField()


class VisitRequestSerializer(serializers.ModelSerializer):
    status = StatusField(read_only=True)
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    reasons = serializers.SerializerMethodField(
        help_text="The triage explanation, one line per criterion, in the request's language "
        "(Accept-Language)."
    )

    class Meta:
        model = VisitRequest
        fields = [
            "id",
            "reference",
            "status",
            "language",
            "organisation_name",
            "organisation_type",
            "country",
            "city_name",
            "city",
            "delegation_size",
            "leader_level",
            "leader_title",
            "desired_start",
            "desired_end",
            "alternative_dates",
            "start_date",
            "end_date",
            "themes",
            "purpose",
            "wished_meetings",
            "business_potential",
            "contact_name",
            "contact_title",
            "contact_email",
            "contact_phone",
            "received_at",
            "score",
            "suggestion",
            "reasons",
            "triaged_at",
            "decision",
            "redirected_to",
            "redirected_partner",
            "unit",
            "visibility",
            "finished_at",
            "personal_data_erased_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema(responses=ReasonSerializer(many=True))
    def get_reasons(self, visit) -> list[dict]:
        names = self.context.get("names")
        if names is None:
            names = explain.names_for([visit.triage])
        return explain.lines(visit.triage, names)


class VisitRequestDetailSerializer(VisitRequestSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)
    programme = ProgrammeItemSerializer(many=True, read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)

    class Meta(VisitRequestSerializer.Meta):
        fields = [*VisitRequestSerializer.Meta.fields, "transitions", "programme", "outcomes"]
        read_only_fields = fields


class StepSerializer(serializers.Serializer):
    status = StatusField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    redirected_to = serializers.PrimaryKeyRelatedField(
        queryset=OrganisationUnit.objects.all(), required=False, allow_null=True
    )
    redirected_partner = serializers.CharField(required=False, allow_blank=True, max_length=200)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    version = serializers.IntegerField(
        required=False, help_text="The version the step is based on; a stale one is refused."
    )

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        if (start is None) != (end is None):
            raise serializers.ValidationError({"end_date": "Give both start_date and end_date."})
        if start and end < start:
            raise serializers.ValidationError({"end_date": "The end cannot be before the start."})
        return attrs


class TriageInputSerializer(serializers.Serializer):
    business_potential = serializers.ChoiceField(choices=BusinessPotential.choices)
    version = serializers.IntegerField(required=False)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class VisitRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=VisitStatus.choices)
    suggestion = django_filters.ChoiceFilter(choices=Suggestion.choices)
    country = django_filters.CharFilter(field_name="country__code", lookup_expr="iexact")
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    received_after = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte")
    organisation = django_filters.CharFilter(
        field_name="organisation_name", lookup_expr="icontains"
    )

    class Meta:
        model = VisitRequest
        fields = ["status", "suggestion", "country", "min_score", "received_after"]


class VisitRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Visit requests the user may see, with their triage score and its explanation."""

    permission_classes = [StaffPermission]
    filterset_class = VisitRequestFilter

    def get_queryset(self):
        queryset = services.inbox(self.request.user).prefetch_related("themes")
        if self.action != "list":
            queryset = queryset.prefetch_related("transitions__by", "programme", "outcomes")
        return queryset.order_by("-received_at", "-pk")

    def get_serializer_class(self):
        return VisitRequestSerializer if self.action == "list" else VisitRequestDetailSerializer

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        names = explain.names_for([visit.triage for visit in page])
        serializer = VisitRequestSerializer(
            page, many=True, context={**self.get_serializer_context(), "names": names}
        )
        return self.get_paginated_response(serializer.data)

    def _detail(self, visit, code=status.HTTP_200_OK):
        visit = services.get_visit(self.request.user, visit.pk)
        if visit is None:  # redirected to a unit this user cannot see
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer = VisitRequestDetailSerializer(visit, context=self.get_serializer_context())
        return Response(serializer.data, status=code)

    @extend_schema(
        request=StepSerializer,
        responses={200: VisitRequestDetailSerializer, 204: None, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Take a workflow step; an illegal one answers 409 with the reason."""
        visit = self.get_object()
        step = StepSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        data = step.validated_data
        dates = (data["start_date"], data["end_date"]) if data.get("start_date") else None
        decision = services.Decision(
            note=data.get("note", ""),
            redirected_to=data.get("redirected_to"),
            redirected_partner=data.get("redirected_partner", ""),
            dates=dates,
        )
        try:
            services.transition(visit, data["status"], request.user, decision, data.get("version"))
        except services.IllegalTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return self._detail(visit)

    @extend_schema(
        request=TriageInputSerializer,
        responses={200: VisitRequestDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        """Set the business potential and score the request again (coordinators)."""
        visit = self.get_object()
        if not access.is_coordinator(request.user):
            raise PermissionDenied("Only coordinators triage requests.")
        data = TriageInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.save_triage(
                visit,
                request.user,
                business_potential=data.validated_data["business_potential"],
                version=data.validated_data.get("version"),
            )
        except (services.IllegalTransition, services.EditConflict) as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return self._detail(visit)

    @extend_schema(
        request=ProgrammeItemSerializer,
        responses={201: VisitRequestDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def programme(self, request, pk=None):
        """Add an agenda item to the visit's programme."""
        visit = self.get_object()
        item = ProgrammeItemSerializer(data=request.data)
        item.is_valid(raise_exception=True)
        try:
            services.add_programme_item(visit, request.user, **item.validated_data)
        except services.IllegalTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return self._detail(visit, status.HTTP_201_CREATED)

    @extend_schema(
        request=OutcomeSerializer,
        responses={201: VisitRequestDetailSerializer, 409: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def outcomes(self, request, pk=None):
        """Record a lead, an agreement or a follow-up action of a held visit."""
        visit = self.get_object()
        outcome = OutcomeSerializer(data=request.data)
        outcome.is_valid(raise_exception=True)
        try:
            services.add_outcome(visit, request.user, **outcome.validated_data)
        except services.IllegalTransition as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return self._detail(visit, status.HTTP_201_CREATED)


ROUTES = [("visit-requests", VisitRequestViewSet, "visitrequest")]


def register_routes(router) -> None:
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
