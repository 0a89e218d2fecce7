"""Decision pages. Views parse input and call services; every decision is read through
``Decision.objects.visible_to`` (via ``services``), so a page, a file or an action on a record
the user may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citydiplomacy.core import access
from citydiplomacy.core.history import may_read_history

from . import services
from .filters import DecisionFilter
from .forms import FollowUpForm, ImportForm
from .models import Decision, FollowUp, FollowUpStatus, LinkStatus, PlanLink

PAGE_SIZE = 50
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


def _decision_or_404(user, pk) -> Decision:
    decision = services.get_decision(user, pk)
    if decision is None:
        raise Http404
    return decision


def decision_list(request):
    filters = DecisionFilter(request.GET or None, queryset=services.decision_list(request.user))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "can_import": access.can_create(request.user),
    }
    return render(request, "decisions/decision_list.html", context)


def decision_detail(request, pk):
    user = request.user
    decision = _decision_or_404(user, pk)
    links = services.visible_links(decision, user)
    coordinator = access.is_coordinator(user)
    staff = may_read_history(user)  # the city's own users see follow-ups
    context = {
        "decision": decision,
        "confirmed": [link for link in links if link.status == LinkStatus.CONFIRMED],
        "suggested": [link for link in links if link.status == LinkStatus.SUGGESTED],
        "rejected": [link for link in links if link.status == LinkStatus.REJECTED],
        "can_link": coordinator,
        "follow_ups": list(decision.follow_ups.select_related("confirmed_by")) if staff else [],
        "can_follow_up": _may_follow_up(user, decision),
        "follow_up_form": FollowUpForm(),
        "show_history": staff,
    }
    return render(request, "decisions/decision_detail.html", context)


def decision_source(request, pk):
    """The original file, for those who may see the decision."""
    decision = _decision_or_404(request.user, pk)
    try:
        handle = decision.source_file.open("rb")
    except (FileNotFoundError, ValueError):  # no file, or it has gone from the disk
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,  # never rendered by the browser on our origin (HTML sources)
        filename=decision.source_name,
        content_type=CONTENT_TYPES.get(decision.source_format, "application/octet-stream"),
    )


@login_required
def decision_import(request):
    """Upload one or many decision records; the page shows what was created, updated and why
    any file failed."""
    if not access.can_create(request.user):
        raise PermissionDenied
    form, summary = ImportForm(), None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = services.import_files(form.cleaned_data["files"], request.user)
            except services.ImportRefused as refused:
                form.add_error(None, str(refused))
    status = 400 if form.errors else 200
    return render(
        request, "decisions/import.html", {"form": form, "summary": summary}, status=status
    )


@login_required
@require_POST
def link_action(request, pk, action):
    """A coordinator confirms or rejects a link of a decision to a plan item."""
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    link = get_object_or_404(PlanLink.objects.select_related("decision"), pk=pk)
    if action == "confirm":
        services.confirm_link(link, request.user)
        messages.success(request, _("The decision is now linked to %(item)s.") % _target(link))
    else:
        services.reject_link(link, request.user)
        messages.success(request, _("The link to %(item)s was rejected.") % _target(link))
    return redirect(reverse("decisions:detail", args=[link.decision_id]) + "#links")


def _target(link) -> dict:
    return {"item": str(link.target)}


@login_required
@require_POST
def follow_up_action(request, pk, action):
    """Confirm a proposed follow-up (with its due date), mark it done, or dismiss it."""
    follow_up = get_object_or_404(FollowUp, pk=pk)
    decision = _decision_or_404(request.user, follow_up.decision_id)
    if not _may_follow_up(request.user, decision):
        raise PermissionDenied
    if action == "confirm":
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the due date as a date."))
            return redirect(_follow_ups_url(decision))
        services.confirm_follow_up(follow_up, request.user, form.cleaned_data["due_date"])
        messages.success(request, _("The follow-up is now tracked."))
    else:
        status = FollowUpStatus.DONE if action == "done" else FollowUpStatus.DISMISSED
        services.set_follow_up_status(follow_up, request.user, status)
        messages.success(request, _("The follow-up was updated."))
    return redirect(_follow_ups_url(decision))


def _may_follow_up(user, decision) -> bool:
    """Coordinators, and editors of the unit that owns the decision."""
    return access.is_coordinator(user) or (
        access.can_create(user) and decision.is_editable_by(user)
    )


def _follow_ups_url(decision) -> str:
    return reverse("decisions:detail", args=[decision.pk]) + "#follow-ups"
