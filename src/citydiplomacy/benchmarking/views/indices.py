"""Composite indices: the builder (hierarchy and specification with a readable preview), the
results table with ranks, and the uncertainty analysis with its rank-interval chart."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import CompositeIndexForm, UncertaintyForm
from ..models import CompositeIndex, RunStatus
from ..services import hierarchy, results, store
from ..services import indices as service
from .common import can_write, coordinator_required

DEFAULT_SPEC = {
    "steps": [
        {"op": "impute", "method": "mean"},
        {"op": "normalise", "method": "minmax", "range": [1, 100]},
        {"op": "aggregate", "method": "arithmetic"},
    ]
}
DEFAULT_FACTORS = {
    "analysis": "uncertainty",
    "factors": [
        {"name": "weights", "noise": {"1": 0.25}, "n_sets": 100, "seed": 1},
        {
            "name": "aggregation",
            "step": "aggregate",
            "param": "method",
            "values": ["arithmetic", "geometric"],
        },
    ],
}


def _visible(user, pk) -> CompositeIndex:
    index = (
        CompositeIndex.objects.visible_to(user)
        .select_related("peer_set__home", "unit")
        .filter(pk=pk)
        .first()
    )
    if index is None:
        raise Http404
    return index


def indices(request):
    items = CompositeIndex.objects.visible_to(request.user).select_related("peer_set")
    return render(
        request,
        "benchmarking/indices.html",
        {"indices": items, "can_write": can_write(request.user)},
    )


def _tree(hierarchy_rows, spec_document):
    """The readable tree of a definition (None if it has errors)."""
    try:
        spec, records = service.check_definition(hierarchy_rows, spec_document)
    except service.IndexDefinitionError:
        return None
    return hierarchy.tree(records, list(spec.level_names or []) or None)


def _builder(request, index):
    form = CompositeIndexForm(request.POST or None, instance=index, user=request.user)
    if index.pk is None and request.method == "GET":
        form.initial.setdefault("spec", DEFAULT_SPEC)
    tree = _tree(index.hierarchy, index.spec) if index.pk and request.method == "GET" else None
    if request.method == "POST" and form.is_valid():
        tree = _tree(form.cleaned_data["hierarchy"], form.cleaned_data["spec"])
        if request.POST.get("action") != "preview":
            index = form.save(commit=False)
            index.modified_by = request.user
            index.created_by = index.created_by or request.user
            index.save()
            form.instance = index
            form.save_m2m()
            index.cities.set(form.cities)
            messages.success(request, _("The index was saved."))
            return redirect("benchmarking:index", pk=index.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "benchmarking/index_form.html",
        {"form": form, "index": index if index.pk else None, "tree": tree},
        status=status,
    )


@coordinator_required
def index_create(request):
    return _builder(request, CompositeIndex(year=2016))


@coordinator_required
def index_edit(request, pk):
    _visible(request.user, pk)
    return _builder(request, CompositeIndex.objects.get(pk=pk))


def index_detail(request, pk):
    index = _visible(request.user, pk)
    history = list(
        index.results.defer("inputs", "meta").select_related("home_city", "created_by")[:10]
    )
    chosen = history[0] if history else None
    if request.GET.get("result"):
        chosen = index.results.select_related("home_city").filter(pk=request.GET["result"]).first()
        if chosen is None:
            raise Http404
    context = {
        "index": index,
        "result": chosen,
        "history": history,
        "can_write": can_write(request.user),
    }
    if chosen is not None:
        context |= _result_context(chosen)
    if context["can_write"]:
        context["uncertainty_form"] = UncertaintyForm(initial={"factors": DEFAULT_FACTORS})
    return render(request, "benchmarking/index_detail.html", context)


def _result_context(result) -> dict:
    run = result.uncertainty_runs.filter(status=RunStatus.DONE).first()
    pending = result.uncertainty_runs.exclude(status=RunStatus.DONE).first()
    headers, rows = results.result_table(result)
    home = result.home_city.code if result.home_city_id else None
    return {
        "part_headers": headers,
        "rows": rows,
        "run": run,
        "pending_run": pending,
        "interval": results.home_interval(run, home),
        "chart": results.interval_chart(run, home) if run else None,
        "notices": store.notices(result.vintage),
        "tree": hierarchy.tree(result.meta, result.scores.get("level_names")),
    }


@coordinator_required
@require_POST
def index_run(request, pk):
    index = _visible(request.user, pk)
    try:
        service.run_index(index, request.user)
    except (service.IndexDefinitionError, service.IndexRunError) as error:
        messages.error(request, _("The index could not be computed: %(error)s") % {"error": error})
    else:
        messages.success(request, _("The index was computed."))
    return redirect("benchmarking:index", pk=pk)


@coordinator_required
@require_POST
def index_uncertainty(request, pk):
    index = _visible(request.user, pk)
    result = index.results.first()
    if result is None:
        raise Http404
    form = UncertaintyForm(request.POST)
    if form.is_valid():
        try:
            run = service.start_uncertainty(
                result,
                form.cleaned_data["factors"],
                form.cleaned_data["n"],
                form.cleaned_data["seed"],
                request.user,
            )
        except service.IndexDefinitionError as error:
            for field, problems in error.problems.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            if run.status == RunStatus.FAILED:
                messages.error(request, _("The analysis failed: %(error)s") % {"error": run.error})
            elif run.status == RunStatus.DONE:
                messages.success(request, _("The uncertainty analysis is ready."))
            else:
                messages.info(request, _("The analysis is large; it runs in the background."))
            return redirect("benchmarking:index", pk=pk)
    context = {
        "index": index,
        "result": result,
        "history": [],
        "can_write": True,
        "uncertainty_form": form,
    }
    context |= _result_context(result)
    return render(request, "benchmarking/index_detail.html", context, status=400)
