"""The REST API of this capability. Register with :func:`register_routes`.

Activities are read through ``Activity.objects.visible_to`` (what a user may not see is a 404)
and filtered with the register's one filter (``ActivityFilter``, the list page's parameters);
writes need the right to edit the unit (``core.api.permissions.RecordPermission``). A list page
costs the same few queries whatever the size of the register: the page, its count, and one
query per relation for the page's activities.
"""

from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from citydiplomacy.core import access

from .filters import ActivityFilter
from .models import Activity, PartnerOrganisation
from .serializers import ActivitySerializer, PartnerOrganisationSerializer, attach_links

# The schema types of the filters that take a record (their methods carry no type hint).
for _name, _type in (
    ("country", OpenApiTypes.STR),
    ("partner", OpenApiTypes.INT),
    ("theme", OpenApiTypes.INT),
    ("objective", OpenApiTypes.INT),
    ("unit", OpenApiTypes.INT),
):
    set_override(ActivityFilter.base_filters[_name], "field", _type)


class ActivityViewSet(viewsets.ModelViewSet):
    """Activities of every unit that the user may see, newest first, with the register's
    filters (`q`, `kind`, `status`, `unit`, `country`, `city`, `partner`, `theme`,
    `objective`, `level`, `start`, `end`). An update with a stale `version` is refused (409)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).order_by("-start_date", "-id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            attach_links(page)
        return page

    def get_object(self):
        activity = super().get_object()
        if self.request.method == "GET":
            attach_links([activity])
        return activity

    def perform_create(self, serializer):
        serializer.save()

    def perform_destroy(self, instance):
        if not instance.is_editable_by(self.request.user):
            raise PermissionDenied("You cannot delete activities of this unit.")
        instance.delete()


class PartnerPermission(BasePermission):
    """The city's own users read; editors and coordinators add and change; coordinators
    delete."""

    def has_permission(self, request, view):
        user = request.user
        if not user.is_authenticated or user.role == "partner":
            return False
        if request.method in SAFE_METHODS:
            return True
        if request.method == "DELETE":
            return access.is_coordinator(user)
        return access.can_create(user)


class PartnerOrganisationViewSet(viewsets.ModelViewSet):
    """Partner organisations, reused across activities. `version` in an update refuses a save
    over someone else's change (409)."""

    serializer_class = PartnerOrganisationSerializer
    permission_classes = [PartnerPermission]
    filterset_fields = ["kind", "country"]
    queryset = PartnerOrganisation.objects.select_related("country").order_by("name", "id")


ROUTES = [
    ("register/activities", ActivityViewSet, "activity"),
    ("register/partners", PartnerOrganisationViewSet, "partnerorganisation"),
]


def register_routes(router) -> None:
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)
