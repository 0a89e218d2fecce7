"""Plan pages. Views parse input and call services; access comes from visible_to/editable_by."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import EditConflict, save_versioned

from . import services, timeline, versions
from .forms import IndicatorValueForm, MeasureForm, StatusUpdateForm
from .models import Indicator, IndicatorValue, Measure, Plan


def current(request):
    plan = services.current_plan(request.user)
    if plan is None:
        return render(request, "plan/no_plan.html", status=404)
    return redirect("plan:detail", pk=plan.pk)


def _plan_or_404(user, pk) -> Plan:
    plan = services.get_plan(user, pk)
    if plan is None:
        raise Http404
    return plan


def detail(request, pk):
    plan = _plan_or_404(request.user, pk)
    tree = services.plan_tree(request.user, plan)
    can_add = access.can_create(request.user)
    return render(
        request, "plan/plan_detail.html", {"plan": plan, "tree": tree, "can_add": can_add}
    )


def public_progress(request, pk):
    """The published plan as the public sees it, whoever is signed in."""
    public = AnonymousUser()
    plan = services.get_plan(public, pk)
    if plan is None or not plan.is_published:
        raise Http404
    tree = services.plan_tree(public, plan)
    return render(request, "plan/public_progress.html", {"plan": plan, "tree": tree})


def _measure_or_404(user, pk) -> Measure:
    measure = (
        Measure.objects.visible_to(user)
        .select_related("plan", "unit", "owner")
        .prefetch_related("objectives", "tools", "partner_units", "themes")
        .filter(pk=pk)
        .first()
    )
    if measure is None:
        raise Http404
    return measure


def measure_detail(request, pk):
    measure = _measure_or_404(request.user, pk)
    can_edit = measure.is_editable_by(request.user)
    form = StatusUpdateForm(initial={"status": measure.status, "progress": measure.progress})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = StatusUpdateForm(request.POST)
        if form.is_valid():
            services.record_status_update(
                measure,
                request.user,
                status=form.cleaned_data["status"],
                progress_percent=form.cleaned_data["progress"],
                text=form.cleaned_data["text"],
                reported_on=form.cleaned_data["reported_on"],
            )
            messages.success(request, _("The status update was saved."))
            return redirect("plan:measure", pk=measure.pk)
    indicators = services.indicators_with_values(measure.plan, request.user, measure=measure)
    context = {
        "measure": measure,
        "plan": measure.plan,
        "can_edit": can_edit,
        "form": form,
        "updates": measure.updates.select_related("author")[:50],
        "indicators": [(i, services.indicator_series(i)) for i in indicators],
        "timeline": timeline.entries_for(measure, request.user),
        "following": request.user.is_authenticated
        and measure.followers.filter(pk=request.user.pk).exists(),
    }
    return render(request, "plan/measure_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def measure_follow(request, pk):
    measure = _measure_or_404(request.user, pk)
    follow = request.POST.get("follow") == "1"
    services.set_following(measure, request.user, follow)
    messages.success(
        request,
        _("You now follow this measure.") if follow else _("You no longer follow this measure."),
    )
    return redirect("plan:measure", pk=pk)


def _save_measure_form(request, form):
    """Save a valid measure form; on an edit conflict, tell what the other person changed."""
    measure = form.save(commit=False)
    if not access.can_edit_unit(request.user, measure.unit):
        raise PermissionDenied
    if measure.pk is None:
        measure.plan = form.plan
        measure.save()
    else:
        fields = [name for name in form.fields if name != "edit_version"]
        try:
            save_versioned(measure, form.expected_version(), fields=fields)
        except EditConflict as conflict:
            labels = [
                str(form.fields[f].label) for f in conflict.changed_fields if f in form.fields
            ]
            form.add_error(
                None,
                _(
                    "%(who)s saved this measure while you were editing it. Changed: %(fields)s. "
                    "Your changes were not saved; reload the page to see the current version."
                )
                % {
                    "who": conflict.current.modified_by or _("Someone"),
                    "fields": ", ".join(labels) or "—",
                },
            )
            return None
    form.save_m2m()
    return measure


@login_required
def measure_edit(request, pk=None, plan_pk=None):
    if pk is not None:
        original = _measure_or_404(request.user, pk)
        if not original.is_editable_by(request.user):
            raise PermissionDenied
        plan, instance = original.plan, Measure.objects.get(pk=pk)
    else:
        if not access.can_create(request.user):
            raise PermissionDenied
        plan, original = _plan_or_404(request.user, plan_pk), None
        instance = Measure(plan=plan, unit=request.user.unit)
    form = MeasureForm(request.POST or None, instance=instance, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        measure = _save_measure_form(request, form)
        if measure is not None:
            messages.success(request, _("The measure was saved."))
            return redirect("plan:measure", pk=measure.pk)
    status = 409 if form.non_field_errors() else (400 if form.errors else 200)
    return render(
        request,
        "plan/measure_form.html",
        {"form": form, "plan": plan, "measure": original},
        status=status,
    )


def indicator_detail(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.select_related("plan", "measure", "objective"), pk=pk
    )
    if indicator.measure_id and not indicator.measure.is_visible_to(request.user):
        raise Http404
    if services.get_plan(request.user, indicator.plan_id) is None:
        raise Http404
    owner_unit = indicator.measure.unit if indicator.measure_id else indicator.plan.unit
    can_edit = access.can_edit_unit(request.user, owner_unit)
    form = IndicatorValueForm(plan=indicator.plan)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = IndicatorValueForm(request.POST, plan=indicator.plan)
        if form.is_valid():
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                year=form.cleaned_data["year"],
                kind=form.cleaned_data["kind"],
                defaults={"value": form.cleaned_data["value"]},
            )
            messages.success(request, _("The value was saved."))
            return redirect("plan:indicator", pk=pk)
    context = {
        "indicator": indicator,
        "series": services.indicator_series(indicator),
        "form": form,
        "can_edit": can_edit,
        "plan": indicator.plan,
    }
    return render(
        request, "plan/indicator_detail.html", context, status=400 if form.errors else 200
    )


def plan_versions(request, pk):
    plan = _plan_or_404(request.user, pk)
    line = [p for p in versions.editions(plan) if services.get_plan(request.user, p.pk)]
    return render(
        request,
        "plan/versions.html",
        {"plan": plan, "editions": line, "can_copy": access.is_coordinator(request.user)},
    )


@login_required
@require_POST
def plan_new_version(request, pk):
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    plan = _plan_or_404(request.user, pk)
    copy = versions.new_edition(plan, request.user)
    messages.success(request, _("A new draft version of the plan was created."))
    return redirect("plan:detail", pk=copy.pk)


def plan_compare(request, pk, other_pk):
    old, new = _plan_or_404(request.user, pk), _plan_or_404(request.user, other_pk)
    changes = versions.diff(versions.snapshot(old), versions.snapshot(new))
    return render(
        request, "plan/compare.html", {"old": old, "new": new, "changes": changes, "plan": new}
    )
