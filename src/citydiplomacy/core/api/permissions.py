from rest_framework.permissions import SAFE_METHODS, BasePermission

from citydiplomacy.core import access


class RecordPermission(BasePermission):
    """Reads go through each viewset's ``visible_to`` queryset; writes need an editing role and,
    for an existing record, the right to edit its unit."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return access.can_create(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        unit = getattr(obj, "unit", None)
        if unit is None and hasattr(obj, "plan"):
            unit = obj.plan.unit
        return access.can_edit_unit(request.user, unit)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
