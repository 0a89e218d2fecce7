"""What the benchmarking views share: the coordinator check."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from citydiplomacy.core import access


def coordinator_required(view):
    """Writes need a coordinator: others get 403, anonymous users the sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def can_write(user) -> bool:
    return access.is_coordinator(user)
