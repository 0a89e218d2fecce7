"""The indicator store's pages: overview, indicators, the indicator explorer, data vintages and
the import with its dry-run preview."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms import ImportUploadForm
from ..models import (
    AreaKind,
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    ImportBatch,
    IndexResult,
    Observation,
    PeerSet,
    StatIndicator,
)
from ..services import importing, peersets, rankings, store, uploads
from .common import can_write, coordinator_required

SESSION_KEY = "benchmarking_uploads"


def home(request):
    user, city = request.user, store.home_city()
    latest = IndexResult.objects.defer("inputs", "scores", "meta", "spec", "vintage")
    context = {
        "home_city": city,
        "indicator_count": StatIndicator.objects.count(),
        "city_count": ComparisonCity.objects.filter(kind=AreaKind.CITY).count(),
        "observation_count": Observation.objects.count(),
        "vintages": ImportBatch.objects.all()[:5],
        "peer_sets": PeerSet.objects.visible_to(user).select_related("home")[:10],
        "indices": CompositeIndex.objects.visible_to(user).prefetch_related(
            Prefetch("results", queryset=latest.order_by("-created_at", "-pk"), to_attr="runs")
        )[:10],
        "standings": [
            rankings.standing(r)
            for r in rankings.rankings_with_home(ExternalRanking.objects.visible_to(user), city)
        ],
        "can_write": can_write(user),
    }
    return render(request, "benchmarking/home.html", context)


def indicators(request):
    rows = StatIndicator.objects.order_by("category", "code")
    return render(
        request,
        "benchmarking/indicators.html",
        {"indicators": rows, "notices": store.indicator_notices(rows)},
    )


def indicator(request, code):
    """One indicator for the home city and the peers of a peer set, over the years."""
    item = get_object_or_404(StatIndicator, code=code)
    city = store.home_city()
    visible_sets = PeerSet.objects.visible_to(request.user).select_related("home")
    chosen = None
    if request.GET.get("peer_set"):
        chosen = visible_sets.filter(pk=request.GET["peer_set"]).first()
        if chosen is None:
            raise Http404
    elif city is not None:
        chosen = visible_sets.filter(home=city).first()
    cities = peersets.peer_cities(chosen) if chosen else [c for c in [city] if c]
    extra, problems = store.find_cities(request.GET.get("cities", "").split(","))
    cities += [c for c in extra if c not in cities]
    context = {
        "indicator": item,
        "cities": cities,
        "peer_sets": visible_sets,
        "chosen": chosen,
        "extra": request.GET.get("cities", ""),
        "problems": problems,
        **store.comparison_table(item, cities),
    }
    return render(request, "benchmarking/indicator.html", context)


def vintages(request):
    return render(
        request,
        "benchmarking/vintages.html",
        {
            "batches": ImportBatch.objects.select_related("imported_by")[:100],
            "can_write": can_write(request.user),
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = uploads.save(form.cleaned_data["file"])
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {
            "name": form.cleaned_data["file"].name[:255],
            "format": form.cleaned_data["format"],
            "options": form.options(),
        }
        request.session[SESSION_KEY] = pending
        return redirect("benchmarking:import_confirm", token=token)
    return render(
        request,
        "benchmarking/import_upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def import_confirm(request, token):
    """The dry-run preview of an uploaded file; confirming applies it, all or nothing."""
    pending = request.session.get(SESSION_KEY, {})
    entry, data = pending.get(token), uploads.read(token)
    if entry is None or data is None:
        raise Http404
    if request.POST.get("action") == "cancel":
        _forget(request, token)
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect("benchmarking:import")
    preview = importing.preview_import(data, entry["name"], entry["format"], **entry["options"])
    if request.method == "POST" and preview.ok:
        try:
            batch = importing.apply_import(preview, request.user)
        except importing.ImportFailed as error:
            preview.errors = error.problems
            return render(
                request,
                "benchmarking/import_preview.html",
                {"preview": preview, "token": token},
                status=409,
            )
        _forget(request, token)
        messages.success(
            request,
            _("%(file)s was imported: %(created)s new and %(updated)s changed values.")
            % {
                "file": batch.file_name,
                "created": batch.created_count,
                "updated": batch.updated_count,
            },
        )
        return redirect("benchmarking:vintages")
    status = 400 if not preview.ok else 200
    return render(
        request,
        "benchmarking/import_preview.html",
        {"preview": preview, "token": token},
        status=status,
    )


def _forget(request, token):
    uploads.discard(token)
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
