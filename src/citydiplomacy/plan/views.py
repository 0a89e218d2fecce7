from django.http import Http404
from django.shortcuts import redirect, render

from . import services


def current(request):
    plan = services.current_plan(request.user)
    if plan is None:
        return render(request, "plan/no_plan.html", status=404)
    return redirect("plan:detail", pk=plan.pk)


def detail(request, pk):
    plan = services.get_plan(request.user, pk)
    if plan is None:
        raise Http404
    return render(request, "plan/plan_detail.html", {"plan": plan})
