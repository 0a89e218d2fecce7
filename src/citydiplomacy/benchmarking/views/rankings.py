"""The ranking tracker: rankings, the home city's rank against its targets with peers beside it,
entries by hand or from CSV (all or nothing), and targets."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import ExternalRankingForm, RankingCsvForm, RankingEntryForm, RankingTargetForm
from ..models import ExternalRanking, PeerSet, RankingEntry, RankingTarget
from ..services import peersets, store
from ..services import rankings as tracker
from .common import can_write, coordinator_required


def _visible(user, pk) -> ExternalRanking:
    ranking = ExternalRanking.objects.visible_to(user).filter(pk=pk).first()
    if ranking is None:
        raise Http404
    return ranking


def rankings(request):
    home = store.home_city()
    items = tracker.rankings_with_home(ExternalRanking.objects.visible_to(request.user), home)
    return render(
        request,
        "benchmarking/rankings.html",
        {
            "home_city": home,
            "standings": [tracker.standing(r) for r in items],
            "can_write": can_write(request.user),
        },
    )


def _peer_set(request, home):
    sets = PeerSet.objects.visible_to(request.user).select_related("home")
    if request.GET.get("peer_set"):
        return sets.filter(pk=request.GET["peer_set"]).first(), sets
    return (sets.filter(home=home).first() if home else None), sets


def ranking_detail(request, pk, forms=None):
    ranking = _visible(request.user, pk)
    home = store.home_city()
    chosen, peer_sets = _peer_set(request, home)
    peers = peersets.peer_cities(chosen)[1:] if chosen else []
    chart = tracker.chart_data(ranking, home, peers)
    standing = tracker.standing(
        tracker.rankings_with_home(ExternalRanking.objects.filter(pk=pk), home)[0]
    )
    context = {
        "ranking": ranking,
        "home_city": home,
        "standing": standing,
        "chart": chart,
        "rows": tracker.table_rows(chart),
        "peer_sets": peer_sets,
        "chosen": chosen,
        "can_write": can_write(request.user),
        "entry_form": RankingEntryForm(),
        "target_form": RankingTargetForm(),
        "csv_form": RankingCsvForm(),
        **(forms or {}),
    }
    return render(
        request, "benchmarking/ranking_detail.html", context, status=400 if forms else 200
    )


def _ranking_form(request, instance):
    form = ExternalRankingForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        ranking = form.save(commit=False)
        ranking.modified_by = request.user
        ranking.created_by = ranking.created_by or request.user
        ranking.save()
        messages.success(request, _("The ranking was saved."))
        return redirect("benchmarking:ranking", pk=ranking.pk)
    return render(
        request,
        "benchmarking/ranking_form.html",
        {"form": form, "ranking": instance if instance.pk else None},
        status=400 if form.errors else 200,
    )


@coordinator_required
def ranking_create(request):
    return _ranking_form(request, ExternalRanking())


@coordinator_required
def ranking_edit(request, pk):
    _visible(request.user, pk)
    return _ranking_form(request, ExternalRanking.objects.get(pk=pk))


@coordinator_required
@require_POST
def ranking_entry(request, pk):
    ranking = _visible(request.user, pk)
    form = RankingEntryForm(request.POST)
    if not form.is_valid() or form.cleaned_data.get("city_object") is None:
        return ranking_detail(request, pk, {"entry_form": form})
    data = form.cleaned_data
    entry = RankingEntry.objects.filter(
        ranking=ranking, year=data["year"], city=data["city_object"]
    ).first()
    entry = entry or RankingEntry(ranking=ranking, year=data["year"], city=data["city_object"])
    entry.rank, entry.score = data["rank"], data["score"]
    entry.save()
    messages.success(request, _("The entry was saved."))
    return redirect("benchmarking:ranking", pk=pk)


@coordinator_required
@require_POST
def ranking_target(request, pk):
    ranking = _visible(request.user, pk)
    form = RankingTargetForm(request.POST)
    if not form.is_valid():
        return ranking_detail(request, pk, {"target_form": form})
    target = RankingTarget.objects.filter(ranking=ranking, year=form.cleaned_data["year"]).first()
    target = target or RankingTarget(ranking=ranking, year=form.cleaned_data["year"])
    target.target_rank = form.cleaned_data["target_rank"]
    target.save()
    messages.success(request, _("The target was saved."))
    return redirect("benchmarking:ranking", pk=pk)


@coordinator_required
@require_POST
def ranking_import(request, pk):
    ranking = _visible(request.user, pk)
    form = RankingCsvForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created, changed = tracker.import_entries(
                ranking, form.cleaned_data["file"].read(), request.user
            )
        except tracker.RankingImportError as error:
            for problem in error.problems:
                form.add_error("file", problem)
        else:
            messages.success(
                request,
                _("Imported: %(created)s new and %(changed)s changed entries.")
                % {"created": created, "changed": changed},
            )
            return redirect("benchmarking:ranking", pk=pk)
    return ranking_detail(request, pk, {"csv_form": form})
