"""Peer selection: choose indicators, weights and constraints, see the nearest cities with the
reasons, save them as a peer set; and the grouping of similar cities."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms import ClusterForm, PeerSelectionForm, PeerSetSaveForm
from ..models import PeerSet
from ..services import peersets, store
from .common import can_write


def _selection(form, home):
    """Run the selection of a valid form; a refusal becomes a form error."""
    try:
        return peersets.select_peers(form.to_request(home))
    except peersets.PeerSetError as error:
        form.add_error(None, str(error))
        return None


def peers(request):
    home = store.home_city()
    if home is None:
        return render(request, "benchmarking/no_home.html", status=404)
    form = PeerSelectionForm(request.GET or None)
    selection = _selection(form, home) if request.GET and form.is_valid() else None
    save_form = PeerSetSaveForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not can_write(request.user):
            raise PermissionDenied
        if selection is not None and save_form.is_valid():
            peer_set = peersets.save_peer_set(
                selection,
                name=save_form.cleaned_data["name"],
                rationale=save_form.cleaned_data["rationale"],
                unit=save_form.cleaned_data["unit"],
                visibility=save_form.cleaned_data["visibility"],
                user=request.user,
            )
            messages.success(request, _("The peer set was saved."))
            return redirect("benchmarking:peer_set", pk=peer_set.pk)
    context = {
        "home_city": home,
        "form": form,
        "selection": selection,
        "excluded": peersets.excluded_by_reason(selection.excluded) if selection else [],
        "save_form": save_form,
        "can_write": can_write(request.user),
    }
    status = 400 if (request.GET and form.errors) or save_form.errors else 200
    return render(request, "benchmarking/peers.html", context, status=status)


def peer_set(request, pk):
    item = (
        PeerSet.objects.visible_to(request.user)
        .select_related("home__city", "unit", "created_by")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    names = peersets.indicator_names(item.weights)
    context = {
        "peer_set": item,
        "peers": peersets.saved_peers(item),
        "excluded": peersets.excluded_by_reason(item.excluded),
        "weights": [(code, names.get(code, code), w) for code, w in item.weights.items()],
        "notices": store.notices(item.vintage),
        "standardisation": dict(PeerSelectionForm.base_fields["standardisation"].choices).get(
            item.parameters.get("standardisation"), item.parameters.get("standardisation")
        ),
    }
    return render(request, "benchmarking/peer_set.html", context)


def clusters(request):
    home = store.home_city()
    if home is None:
        return render(request, "benchmarking/no_home.html", status=404)
    form = ClusterForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        try:
            result = peersets.cluster(form.to_request(home), form.cleaned_data["n_clusters"])
        except peersets.PeerSetError as error:
            form.add_error(None, str(error))
    status = 400 if request.GET and form.errors else 200
    return render(
        request,
        "benchmarking/clusters.html",
        {"home_city": home, "form": form, "result": result},
        status=status,
    )
