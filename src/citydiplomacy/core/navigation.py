"""The header navigation. Each capability adds its entry here, with the roles that see it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    staff_only: bool = False  # True: the city's own signed-in users, not partners or the public
    public_only: bool = False  # True: only for those who are not the city's own users


ITEMS = [
    NavItem(_("Home"), "home"),
    NavItem(_("Plan"), "plan:current"),
    NavItem(_("Register"), "register:list"),
    NavItem(_("Visits"), "visits:inbox", staff_only=True),
    NavItem(_("Request a visit"), "visits:request", public_only=True),
    NavItem(_("Decisions"), "decisions:list"),
    NavItem(_("Benchmarking"), "benchmarking:home"),
    NavItem(_("Organisation"), "core:units", staff_only=True),
    NavItem(_("Themes"), "core:themes"),
]


def items_for(request):
    user = request.user
    is_staff_user = user.is_authenticated and (
        access.is_coordinator(user) or user.role in ("unit_editor", "viewer")
    )
    path = request.path
    entries = []
    for item in ITEMS:
        if (item.staff_only and not is_staff_user) or (item.public_only and is_staff_user):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        entries.append({"label": item.label, "url": url, "current": current})
    return entries
