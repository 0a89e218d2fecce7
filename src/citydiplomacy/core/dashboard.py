"""What the home dashboard shows a signed-in user."""

from django.utils.translation import gettext_lazy as _

from . import access
from .models import OrganisationUnit, Role


def for_user(user) -> dict:
    from citydiplomacy.register.services import radar

    role_label = (
        dict(Role.choices).get(user.role, user.role)
        if not user.is_superuser
        else _("Administrator")
    )
    return {
        "role": role_label,
        "unit": user.unit,
        "is_coordinator": access.is_coordinator(user),
        "can_create": access.can_create(user),
        "unit_count": OrganisationUnit.objects.internal().filter(is_active=True).count(),
        "radar": radar.dashboard_panel(user),
    }
