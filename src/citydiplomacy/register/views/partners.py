"""Partner organisations: a list with search, a page with the activities the user may see, and
the form. They are the city's own working records, so only signed-in users see them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import EditConflict

from ..forms import PartnerOrganisationForm, PartnerSearchForm
from ..models import Activity, PartnerOrganisation
from ..services import activities as service

PAGE_SIZE = 50
ACTIVITIES_SHOWN = 50


def _require_city_user(user) -> None:
    """Partner organisations are the city's working records: not for partners or the public."""
    if not (access.is_coordinator(user) or user.role in ("unit_editor", "viewer")):
        raise PermissionDenied


def _search(params):
    form = PartnerSearchForm(params)
    partners = PartnerOrganisation.objects.select_related("country", "city")
    if form.is_valid():
        query, kind, country = (form.cleaned_data[k] for k in ("q", "kind", "country"))
        if query.strip():
            partners = partners.filter(name__icontains=query.strip())
        if kind:
            partners = partners.filter(kind=kind)
        if country:
            partners = partners.filter(country=country)
    return form, partners.order_by("name", "pk")


@login_required
def partner_list(request):
    _require_city_user(request.user)
    form, partners = _search(request.GET)
    page = Paginator(partners, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": access.can_create(request.user),
    }
    return render(request, "register/partners/list.html", context)


@login_required
@require_GET
def partner_search(request):
    """Autocomplete for the activity form: partner organisations whose name contains ``q``."""
    _require_city_user(request.user)
    query = request.GET.get("q", "").strip()[:100]
    if len(query) < 2:
        return JsonResponse({"results": []})
    partners = (
        PartnerOrganisation.objects.filter(Q(name__istartswith=query) | Q(name__icontains=query))
        .select_related("country")
        .order_by("name")[:15]
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": p.pk,
                    "label": f"{p.name}, {p.country.name}" if p.country_id else p.name,
                    "name": p.name,
                }
                for p in partners
            ]
        }
    )


@login_required
def partner_detail(request, pk):
    _require_city_user(request.user)
    partner = get_object_or_404(
        PartnerOrganisation.objects.select_related("country", "city", "created_by"), pk=pk
    )
    activities = (
        Activity.objects.visible_to(request.user)
        .filter(partners=partner)
        .select_related("unit")
        .order_by("-start_date", "-id")
    )
    context = {
        "partner": partner,
        "activities": activities[:ACTIVITIES_SHOWN],
        "activity_count": activities.count(),
        "can_edit": access.can_create(request.user),
    }
    return render(request, "register/partners/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request, pk=None):
    if not access.can_create(request.user):
        raise PermissionDenied
    instance = get_object_or_404(PartnerOrganisation, pk=pk) if pk else PartnerOrganisation()
    form = PartnerOrganisationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        partner = form.save(commit=False)
        try:
            service.save_partner(partner, request.user, form.expected_version())
        except EditConflict as conflict:
            form.add_error(
                None,
                _(
                    "%(who)s saved this partner organisation while you were editing it. "
                    "Your changes were not saved; reload the page to see the current version."
                )
                % {"who": conflict.current.modified_by or _("Someone")},
            )
        else:
            messages.success(request, _("The partner organisation was saved."))
            return redirect("register:partner-detail", pk=partner.pk)
    status = 409 if form.non_field_errors() else (400 if form.errors else 200)
    return render(
        request,
        "register/partners/form.html",
        {"form": form, "partner": instance if pk else None},
        status=status,
    )


urlpatterns = [
    path("partners/", partner_list, name="partners"),
    path("partners/search/", partner_search, name="partner-search"),
    path("partners/new/", partner_edit, name="partner-create"),
    path("partners/<int:pk>/", partner_detail, name="partner-detail"),
    path("partners/<int:pk>/edit/", partner_edit, name="partner-edit"),
]
