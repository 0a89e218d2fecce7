"""Core pages: home dashboard, health checks, organisation, themes, places, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from citydiplomacy.plan import services as plan_services

from . import access, dashboard, history, places
from .models import OrganisationUnit, Theme, ThemeScheme


def home(request):
    context = {"plan": plan_services.current_plan(request.user)}
    if request.user.is_authenticated:
        context["dashboard"] = dashboard.for_user(request.user)
        context["overdue_measures"] = plan_services.overdue_for(request.user)
    return render(request, "core/home.html", context)


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readiness(request):
    """Ready when the database answers and every migration is applied."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # any database failure means not ready
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    if pending:
        return JsonResponse(
            {"status": "error", "pending_migrations": [str(m) for m, _ in pending]}, status=503
        )
    return JsonResponse({"status": "ok"})


def _require_city_user(user):
    if not history.may_read_history(user):
        raise PermissionDenied


@login_required
def units(request):
    _require_city_user(request.user)
    tree = OrganisationUnit.objects.filter(is_active=True).select_related("parent")
    return render(request, "core/units.html", {"units": tree})


def themes(request):
    by_scheme = [
        (label, Theme.objects.filter(scheme=scheme)) for scheme, label in ThemeScheme.choices
    ]
    return render(request, "core/themes.html", {"schemes": by_scheme})


@require_GET
def place_search(request):
    """Autocomplete for cities and countries; answers JSON."""
    query = request.GET.get("q", "").strip()[:80]
    if len(query) < 2:
        return JsonResponse({"results": []})
    cities = [
        {
            "type": "city",
            "id": c.pk,
            "label": f"{c.name}, {c.country.name}",
            "lat": c.latitude,
            "lon": c.longitude,
        }
        for c in places.search_cities(query)
    ]
    countries = [
        {"type": "country", "id": c.pk, "code": c.code, "label": c.name}
        for c in places.search_countries(query, limit=5)
    ]
    return JsonResponse({"results": countries + cities})


@login_required
def record_history(request, app_label, model_name, pk):
    _require_city_user(request.user)
    model = history.tracked_model(app_label, model_name)
    live = history.visible_records(model, request.user).filter(pk=pk).first()
    if live is None and not access.is_coordinator(request.user):
        raise Http404
    entries = history.entries_for(model, pk)
    if not entries:
        raise Http404
    return render(
        request,
        "core/history.html",
        {"record": live, "entries": entries, "model": model._meta, "title": live or entries[0]},
    )


@login_required
def deleted_records(request, app_label, model_name):
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    model = history.tracked_model(app_label, model_name)
    return render(
        request,
        "core/deleted.html",
        {
            "records": history.deleted_records(model),
            "model": model._meta,
            "app_label": app_label,
            "model_name": model_name,
        },
    )


@login_required
@require_POST
def restore_record(request, app_label, model_name, history_id):
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    model = history.tracked_model(app_label, model_name)
    instance = history.restore(model, history_id)
    messages.success(request, _("Restored: %(record)s") % {"record": instance})
    return redirect("core:history", app_label=app_label, model_name=model_name, pk=instance.pk)


def unit_detail(request, pk):
    _require_city_user(request.user)
    unit = get_object_or_404(OrganisationUnit, pk=pk)
    return render(request, "core/unit_detail.html", {"unit": unit, "children": unit.children.all()})
