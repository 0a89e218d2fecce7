"""What every benchmarking viewset shares: reads for anyone (the querysets decide what),
writes for coordinators."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from citydiplomacy.core import access


class CoordinatorWrites(BasePermission):
    """Anyone may read (querysets decide what); only coordinators write."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or access.is_coordinator(request.user)


class CoordinatorOnlyWrites:
    """Mixin for viewsets: the permission above."""

    permission_classes = [CoordinatorWrites]
