"""The plan-vs-activity alignment page: where activity, money and senior time go, against the
plan's priorities, quarter by quarter. The numbers come from ``services.alignment``."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from ..forms_trips import METRICS, AlignmentForm
from ..services import alignment as service


@login_required
def alignment(request):
    plans = service.visible_plans(request.user)
    form = AlignmentForm(request.GET or None, plans=plans)
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    plan = data.get("plan") or service.current_plan(request.user)
    if plan is None:
        return render(request, "register/alignment/no_plan.html", status=404)
    first, last = service.default_years(plan)
    first, last = data.get("first_year") or first, data.get("last_year") or last
    if first > last:
        first = last
    dimension = data.get("dimension") or "theme"
    metric = data.get("metric") or "activities"
    if not request.GET:
        form = AlignmentForm(
            initial={"plan": plan, "first_year": first, "last_year": last}, plans=plans
        )
    elif valid:  # show the plan and years in use, also where they were left empty
        shown = request.GET.copy()
        shown.setlist("plan", [plan.pk])
        shown.setlist("first_year", [first])
        shown.setlist("last_year", [last])
        form = AlignmentForm(shown, plans=plans)
        form.is_valid()
    params = request.GET.copy()
    for name in ("kind", "q", "start", "end"):  # this page's range is its own
        params.pop(name, None)
    found = service.alignment_for(request.user, plan, first, last, params if valid else None)
    result = found.result
    context = {
        "form": form,
        "plan": plan,
        "first_year": first,
        "last_year": last,
        "years": str(first) if first == last else f"{first}–{last}",
        "dimension": dimension,
        "dimension_label": dict(form.fields["dimension"].choices)[dimension],
        "metric": metric,
        "metric_label": dict(METRICS)[metric],
        "found": found,
        "total_rows": _total_rows(result.total, dimension),
        "totals": {
            "activities": service.format_amount(result.total.totals["activities"]),
            "cost": service.format_amount(result.total.totals["cost"]),
            "senior_days": service.format_amount(result.total.totals["senior_days"]),
        },
        "quarters": result.quarters,
        "quarter_rows": _quarter_rows(result, dimension, metric),
        "chart": service.drift_series(result, dimension, metric),
        "weights": service.al.LEVEL_WEIGHTS,
    }
    return render(
        request, "register/alignment/alignment.html", context, status=200 if valid else 400
    )


def _total_rows(period, dimension):
    rows = []
    for row in service.table_rows(period, dimension):
        cells = []
        for metric, _label in METRICS:
            cells.append(
                {
                    "share": service.format_share(row.shares[metric]),
                    "drift": service.format_drift(row.drifts[metric]),
                    "css": service.drift_class(row.drifts[metric]),
                }
            )
        rows.append(
            {
                "label": row.label,
                "is_priority": row.is_priority,
                "target": service.format_share(row.target),
                "cells": cells,
            }
        )
    return rows


def _quarter_rows(result, dimension, metric):
    rows = []
    for index, bucket in enumerate(result.buckets[dimension]):
        drifts = [q.dimensions[dimension][index].drifts[metric] for q in result.quarters]
        rows.append(
            {
                "label": bucket.label,
                "target": service.format_share(bucket.target),
                "cells": [
                    {"text": service.format_drift(d), "css": service.drift_class(d)} for d in drifts
                ],
            }
        )
    return rows


urlpatterns = [path("alignment/", alignment, name="alignment")]
