"""The coordination radar's pages: the findings, dismissing one, and the radar's settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from citydiplomacy.core import access

from ..forms_radar import DismissForm, FindingFilterForm, RadarSettingsForm
from ..models import RadarSettings
from ..services import radar
from ..tasks_radar import scan_radar

PAGE_SIZE = 25


def _may_use_radar(user) -> bool:
    return access.is_coordinator(user) or (user.role != "partner" and user.unit_id is not None)


@login_required
def findings(request):
    if not _may_use_radar(request.user):
        raise PermissionDenied
    form = FindingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    shown = radar.visible_findings(request.user)
    if data.get("dismissed"):
        shown = shown.filter(dismissed_at__isnull=False).order_by("-dismissed_at", "-pk")
    else:
        shown = radar.ordered(shown.filter(dismissed_at__isnull=True, resolved_at__isnull=True))
    if data.get("kind"):
        shown = shown.filter(kind=data["kind"])
    if data.get("unit"):
        shown = shown.filter(radar.involving_unit(data["unit"]))
    page = Paginator(shown.select_related("dismissed_by"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    radar.with_details(list(page.object_list))
    for finding in page.object_list:
        finding.can_dismiss = finding.is_open and radar.can_dismiss(request.user, finding)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "register/radar/findings.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "showing_dismissed": bool(data.get("dismissed")),
            "is_coordinator": access.is_coordinator(request.user),
            "dismiss_form": DismissForm(),
        },
    )


def _back(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "register:radar"


@login_required
def dismiss(request, pk):
    finding = get_object_or_404(radar.visible_findings(request.user), pk=pk)
    if not radar.can_dismiss(request.user, finding):
        raise PermissionDenied
    form = DismissForm(request.POST or None)
    if request.method == "POST" and finding.is_open and form.is_valid():
        radar.dismiss(finding, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The finding was dismissed."))
        return redirect(_back(request))
    radar.with_details([finding])
    return render(
        request,
        "register/radar/dismiss.html",
        {"finding": finding, "form": form, "next": request.POST.get("next", "")},
        status=400 if form.errors or (request.method == "POST" and not finding.is_open) else 200,
    )


@login_required
def radar_settings(request):
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    current = RadarSettings.current()
    form = RadarSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        scan_radar.enqueue()
        messages.success(
            request, _("The settings were saved. The radar scans the register again now.")
        )
        return redirect("register:radar-settings")
    return render(
        request,
        "register/radar/settings.html",
        {"form": form, "settings": current},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("radar/", findings, name="radar"),
    path("radar/findings/<int:pk>/dismiss/", dismiss, name="finding-dismiss"),
    path("radar/settings/", radar_settings, name="radar-settings"),
]
