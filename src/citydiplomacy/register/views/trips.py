"""Outgoing trips: the pre-approval request and decision, the report after the trip, the
approvers' queue, the approvers themselves and the public travel register.

Views parse input and call ``services.trips``, which holds the rules.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from citydiplomacy.core.concurrency import EditConflict

from ..forms_trips import (
    DecisionForm,
    TravelRegisterFilter,
    TripApproverForm,
    TripReportForm,
    TripRequestForm,
)
from ..models import ApprovalState
from ..models.trips import TripApproval, TripApprover
from ..services import trips as service

PAGE_SIZE = 50


def _staff_only(user) -> None:
    """Approval papers are the city's internal matter: not for partners or the public."""
    if not user.is_authenticated or (user.role == "partner" and not user.is_superuser):
        raise PermissionDenied


def _trip_or_404(user, pk):
    _staff_only(user)
    activity = service.visible_trip(user, pk)
    if activity is None:
        raise Http404
    return activity


def _conflict_message(conflict) -> str:
    return _(
        "%(who)s changed this request while you were working on it. Your changes were not "
        "saved; reload the page to see the current version."
    ) % {"who": conflict.current.modified_by or _("Someone")}


def _approval_page(request, activity, *, form=None, decision_form=None, status=200):
    user = request.user
    approval = service.approval_of(activity)
    can_request = service.may_request(user, activity)
    if form is None:
        instance = approval or TripApproval(activity_id=activity.pk, estimated_cost=activity.budget)
        form = TripRequestForm(instance=instance)
    deciders, by_unit = service.deciders(activity, approval.requested_by_id if approval else None)
    can_decide = (
        approval is not None
        and approval.state == ApprovalState.SUBMITTED
        and service.may_decide(user, approval)
    )
    if decision_form is None and approval is not None:
        decision_form = DecisionForm(initial={"edit_version": approval.version})
    context = {
        "activity": activity,
        "approval": approval,
        "form": form,
        "can_request": can_request,
        "can_decide": can_decide,
        "is_requester": approval is not None and approval.requested_by_id == user.pk,
        "decision_form": decision_form,
        "deciders": deciders,
        "deciders_are_unit_approvers": by_unit,
        "objectives": list(activity.objectives.all()),
        "report_open": service.report_is_open(activity),
        "states": ApprovalState,
    }
    return render(request, "register/trips/approval.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def trip_approval(request, pk):
    activity = _trip_or_404(request.user, pk)
    if request.method == "GET":
        return _approval_page(request, activity)
    if not service.may_request(request.user, activity):
        raise PermissionDenied
    approval = service.approval_of(activity)
    form = TripRequestForm(request.POST, instance=approval or TripApproval(activity_id=activity.pk))
    if not form.is_valid():
        return _approval_page(request, activity, form=form, status=400)
    was_approved = approval is not None and approval.state == ApprovalState.APPROVED
    try:
        approval = service.save_request(
            activity, request.user, form.values(), form.expected_version()
        )
        if request.POST.get("action") == "submit" and approval.state in (
            ApprovalState.DRAFT,
            ApprovalState.REJECTED,
        ):
            approval = service.submit(approval, request.user)
            messages.success(request, _("The request was sent for approval."))
        elif was_approved and approval.state == ApprovalState.SUBMITTED:
            messages.warning(request, _("The request was changed and sent for approval again."))
        else:
            messages.success(request, _("The request was saved."))
    except EditConflict as conflict:
        form.add_error(None, _conflict_message(conflict))
        return _approval_page(request, activity, form=form, status=409)
    except service.TripRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("register:trip-approval", pk=pk)


@login_required
@require_POST
def trip_decision(request, pk):
    activity = _trip_or_404(request.user, pk)
    approval = service.approval_of(activity)
    if approval is None:
        raise Http404
    form = DecisionForm(request.POST)
    action = request.POST.get("action")
    if not form.is_valid() or action not in ("approve", "reject"):
        return _approval_page(request, activity, decision_form=form, status=400)
    try:
        service.decide(
            approval,
            request.user,
            approve=action == "approve",
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["edit_version"],
        )
    except EditConflict as conflict:
        form.add_error(None, _conflict_message(conflict))
        return _approval_page(request, activity, decision_form=form, status=409)
    except service.TripRefused as refusal:
        form.add_error("note" if action == "reject" else None, str(refusal))
        return _approval_page(request, activity, decision_form=form, status=400)
    messages.success(
        request,
        _("The trip was approved.") if action == "approve" else _("The trip was not approved."),
    )
    return redirect("register:approvals")


@login_required
@require_http_methods(["GET", "POST"])
def trip_report(request, pk):
    activity = _trip_or_404(request.user, pk)
    approval = service.approval_of(activity)
    can_write = (
        approval is not None
        and approval.state == ApprovalState.APPROVED
        and service.report_is_open(activity)
        and activity.is_editable_by(request.user)
    )
    initial = {"report": approval.report, "benefit": approval.report_benefit} if approval else {}
    form = TripReportForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not activity.is_editable_by(request.user):
            raise PermissionDenied
        if approval is None:
            raise Http404
        if form.is_valid():
            try:
                service.save_report(
                    approval,
                    request.user,
                    report=form.cleaned_data["report"],
                    benefit=form.cleaned_data["benefit"],
                )
            except service.TripRefused as refusal:
                messages.error(request, str(refusal))
                return redirect("register:trip-report", pk=pk)
            messages.success(request, _("The report was saved. Thank you!"))
            return redirect("register:trip-approval", pk=pk)
        status = 400
    context = {
        "activity": activity,
        "approval": approval,
        "form": form,
        "can_write": can_write,
        "report_open": service.report_is_open(activity),
        "due": service.report_due_date(activity),
        "states": ApprovalState,
    }
    return render(request, "register/trips/report.html", context, status=status)


@login_required
def approvals(request):
    _staff_only(request.user)
    user = request.user
    mine = (
        TripApproval.objects.filter(requested_by=user, state=ApprovalState.SUBMITTED)
        .select_related("activity__unit")
        .order_by("submitted_at")
    )
    context = {
        "queue": service.queue_for(user),
        "mine": mine,
        "reports_due_count": service.reports_due(user).count(),
        "can_manage": service.may_manage_approvers(user),
    }
    return render(request, "register/trips/approvals.html", context)


@login_required
def trip_reports(request):
    _staff_only(request.user)
    trips = service.reports_due(request.user)
    page = Paginator(trips, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "due_days": service.REPORT_DUE_DAYS}
    return render(request, "register/trips/reports_due.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def trip_approvers(request):
    if not service.may_manage_approvers(request.user):
        raise PermissionDenied
    form = TripApproverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service.add_approver(request.user, form.cleaned_data["unit"], form.cleaned_data["user"])
        messages.success(request, _("The approver was added."))
        return redirect("register:trip-approvers")
    rows = TripApprover.objects.select_related("unit", "user")
    return render(
        request,
        "register/trips/approvers.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def trip_approver_remove(request, pk):
    service.remove_approver(request.user, pk)
    messages.success(request, _("The approver was removed."))
    return redirect("register:trip-approvers")


# --- the public travel register -----------------------------------------------------------


def _place_text(activity) -> str:
    """The trip's destinations: its cities, then countries without a city among them."""
    cities = list(activity.cities.all())
    with_city = {city.country_id for city in cities}
    countries = [c.name for c in activity.countries.all() if c.pk not in with_city]
    return ", ".join([city.name for city in cities] + countries)


def _cost(value) -> str:
    if value is None:
        return "–"
    return f"{formats.number_format(value, 0, use_l10n=True, force_grouping=True)} €"


def travel_register(request):
    """Public: approved trips of elected members and directors (see services.public_trips)."""
    years = service.public_years()
    form = TravelRegisterFilter(request.GET or None, years=years)
    year = person = None
    if form.is_valid():
        year, person = form.cleaned_data["year"], form.cleaned_data["person"]
    trips = service.public_trips(year, person or "")
    if request.GET.get("format") == "csv":
        return _travel_register_csv(service.public_rows(trips), year)
    page = Paginator(service.public_rows(trips), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "trip": trip,
            "places": _place_text(trip),
            "estimated": _cost(trip.trip_approval.estimated_cost),
            "actual": _cost(trip.actual_cost),
        }
        for trip in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "register/trips/travel_register.html", context)


class _Echo:
    def write(self, value):
        return value


def _safe(value) -> str:
    """A cell a spreadsheet program will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _travel_register_csv(trips, year):
    headers = [
        _("Start"),
        _("End"),
        _("Purpose"),
        _("Destination"),
        _("Unit"),
        _("Delegation level"),
        _("Participants"),
        _("Estimated cost (€)"),
        _("Actual cost (€)"),
        _("Report"),
        _("What the trip achieved"),
    ]

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
        yield writer.writerow(headers)
        for trip in trips.iterator(chunk_size=500):
            approval = trip.trip_approval
            yield writer.writerow(
                [
                    trip.start_date.isoformat(),
                    trip.end_date.isoformat(),
                    _safe(trip.title),
                    _safe(_place_text(trip)),
                    _safe(trip.unit.name),
                    trip.get_delegation_level_display(),
                    _safe(trip.participants),
                    approval.estimated_cost,
                    "" if trip.actual_cost is None else trip.actual_cost,
                    _safe(approval.report),
                    _safe(approval.report_benefit),
                ]
            )

    name = f"travel-register-{year or 'all'}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("trips/<int:pk>/approval/", trip_approval, name="trip-approval"),
    path("trips/<int:pk>/decision/", trip_decision, name="trip-decision"),
    path("trips/<int:pk>/report/", trip_report, name="trip-report"),
    path("trips/approvals/", approvals, name="approvals"),
    path("trips/reports-due/", trip_reports, name="trip-reports"),
    path("trips/approvers/", trip_approvers, name="trip-approvers"),
    path("trips/approvers/<int:pk>/remove/", trip_approver_remove, name="trip-approver-remove"),
    path("travel-register/", travel_register, name="travel-register"),
]
