"""Visit pages: the public request form and status page, and the coordinators' inbox, request
page, programme, outcomes and settings. Thin: forms parse, services act, and every request is
read through ``visible_to`` (a request the user may not see is a 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citydiplomacy.core import access

from . import documents, emails, explain, ratelimit, scoring, services, workflow
from .filters import InboxFilter
from .forms import (
    DecisionForm,
    EmailTemplateForm,
    OutcomeForm,
    ProgrammeItemForm,
    RulesForm,
    TriageForm,
    VisitRequestForm,
)
from .models import EmailTemplate, ProgrammeItem, VisitStatus

PAGE_SIZE = 50
# A post larger than this is refused before it is read: one 5 MB file and the texts.
MAX_POST_BYTES = 6 * 1024 * 1024


# --- public ----------------------------------------------------------------------------------


def _too_many(request):
    response = render(request, "visits/too_many.html", status=429)
    response["Retry-After"] = "3600"
    return response


def _form_page(request, form, status=200):
    context = {"form": form, "retention_days": scoring.current_settings().retention_days}
    return render(request, "visits/request_form.html", context, status=status)


def request_form(request):
    """The public request form: rate-limited per address, everything validated, nothing
    stored unless all of it is valid."""
    if request.method != "POST":
        return _form_page(request, VisitRequestForm())
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_POST_BYTES:
        form = VisitRequestForm()
        form.add_error(None, _("The form with its attachment is larger than 5 MB."))
        return _form_page(request, form, status=413)
    client = ratelimit.client_key(request)
    attempt = ratelimit.record_attempt(client)
    settings_row = scoring.current_settings()
    if ratelimit.is_limited(client, settings_row.requests_per_hour):
        return _too_many(request)
    form = VisitRequestForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    visit = services.submit_request(
        form.cleaned_data,
        language=translation.get_language() or "fi",
        attachment=form.cleaned_data.get("attachment"),
    )
    ratelimit.mark_stored(attempt)
    messages.success(
        request,
        _("Thank you. Your request has been registered with the reference %(reference)s.")
        % {"reference": visit.reference},
    )
    return redirect("visits:status", token=visit.status_token)


def status_page(request, token):
    """The requester's view of their request, reachable only with the secret link."""
    visit = services.by_status_token(token)
    if visit is None:
        raise Http404
    steps = list(visit.transitions.all())
    response = render(request, "visits/status.html", {"visit": visit, "steps": steps})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- staff -----------------------------------------------------------------------------------


def _visit_or_404(user, pk):
    visit = services.get_visit(user, pk)
    if visit is None:
        raise Http404
    return visit


@login_required
def inbox(request):
    filters = InboxFilter(request.GET or None, queryset=services.inbox(request.user))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    visits = list(page.object_list)
    names = explain.names_for([v.triage for v in visits])
    rows = [(visit, explain.lines(visit.triage, names)) for visit in visits]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "is_coordinator": access.is_coordinator(request.user),
    }
    return render(request, "visits/inbox.html", context)


#: What each step asks for besides a note.
STEP_FIELDS = {
    VisitStatus.ACCEPTED: ("dates", "note"),
    VisitStatus.REDIRECTED: ("redirected_to", "redirected_partner", "note"),
    VisitStatus.DECLINED: ("note",),
    VisitStatus.CONFIRMED: ("note",),
    VisitStatus.FOLLOWED_UP: ("note",),
}


def _step_forms(visit, steps, bound=None) -> list[dict]:
    """One small form per available step; ids are made unique per step."""
    result = []
    for step in steps:
        if bound is not None and bound.data.get("target") == step:
            form = bound
        else:
            form = DecisionForm(
                initial={"version": visit.version, "target": step},
                visit=visit,
                auto_id=f"id_{step}_%s",
            )
        fields = [form[name] for name in STEP_FIELDS.get(step, ())]
        result.append(
            {"status": step, "label": VisitStatus(step).label, "form": form, "fields": fields}
        )
    return result


def _detail_context(request, visit, **forms):
    user = request.user
    names = explain.names_for([visit.triage])
    clashes = services.programme_clashes(visit)
    items = list(visit.programme.all())
    for item in items:
        item.clash_list = clashes.get(item.pk, [])
    steps = services.available_steps(user, visit)
    can_edit = access.is_coordinator(user) or (
        access.can_create(user) and visit.is_editable_by(user)
    )
    context = {
        "visit": visit,
        "reasons": explain.lines(visit.triage, names),
        "best_dates": visit.triage.get("best_dates", []),
        "steps": _step_forms(visit, steps, forms.get("decision_form")),
        "triage_form": forms.get("triage_form")
        or TriageForm(
            initial={"business_potential": visit.business_potential, "version": visit.version}
        ),
        "item_form": forms.get("item_form") or ProgrammeItemForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(),
        "is_coordinator": access.is_coordinator(user),
        "can_edit_programme": can_edit and visit.status in workflow.PROGRAMME_EDITABLE,
        "can_add_outcome": can_edit and visit.status in workflow.OUTCOMES_EDITABLE,
        "clashes": clashes,
        "clash_count": sum(len(found) for found in clashes.values()),
        "programme": items,
        "personal_data_erased": visit.personal_data_erased_at is not None,
    }
    return context


@login_required
def detail(request, pk):
    visit = _visit_or_404(request.user, pk)
    return render(request, "visits/detail.html", _detail_context(request, visit))


def _back(visit, anchor=""):
    return redirect(reverse("visits:detail", args=[visit.pk]) + anchor)


@login_required
@require_POST
def triage_action(request, pk):
    visit = _visit_or_404(request.user, pk)
    if not access.is_coordinator(request.user):
        raise PermissionDenied
    form = TriageForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, visit, triage_form=form)
        return render(request, "visits/detail.html", context, status=400)
    try:
        services.save_triage(
            visit,
            request.user,
            business_potential=form.cleaned_data["business_potential"],
            version=form.cleaned_data.get("version"),
        )
    except (services.IllegalTransition, services.EditConflict) as error:
        messages.error(request, str(error))
        return _back(visit, "#triage")
    messages.success(request, _("The request was scored again."))
    return _back(visit, "#triage")


@login_required
@require_POST
def transition_action(request, pk):
    """One workflow step; an illegal one is refused with the reason."""
    visit = _visit_or_404(request.user, pk)
    target = request.POST.get("target", "")
    form = DecisionForm(request.POST, visit=visit, auto_id=f"id_{target}_%s")
    if not form.is_valid():
        context = _detail_context(request, visit, decision_form=form)
        return render(request, "visits/detail.html", context, status=400)
    if target not in VisitStatus.values:
        raise Http404
    decision = services.Decision(
        note=form.cleaned_data.get("note") or "",
        redirected_to=form.cleaned_data.get("redirected_to"),
        redirected_partner=form.cleaned_data.get("redirected_partner") or "",
        dates=form.chosen_dates(),
    )
    try:
        services.transition(
            visit, target, request.user, decision, version=form.cleaned_data.get("version")
        )
    except services.IllegalTransition as error:
        messages.error(request, str(error))
        return _back(visit, "#workflow")
    messages.success(
        request,
        _("The request is now: %(status)s.") % {"status": VisitStatus(target).label.lower()},
    )
    if not services.get_visit(request.user, visit.pk):  # redirected away from this user
        return redirect("visits:inbox")
    return _back(visit, "#workflow")


@login_required
@require_POST
def programme_add(request, pk):
    visit = _visit_or_404(request.user, pk)
    form = ProgrammeItemForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, visit, item_form=form)
        return render(request, "visits/detail.html", context, status=400)
    try:
        services.add_programme_item(visit, request.user, **form.cleaned_data)
    except services.IllegalTransition as error:
        messages.error(request, str(error))
        return _back(visit, "#programme")
    visit = _visit_or_404(request.user, pk)
    clashes = services.programme_clashes(visit)
    if clashes:
        messages.warning(request, _("Double booking: see the flagged items of the programme."))
    else:
        messages.success(request, _("The item was added to the programme."))
    return _back(visit, "#programme")


@login_required
@require_POST
def programme_delete(request, pk, item_pk):
    visit = _visit_or_404(request.user, pk)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, visit=visit)
    try:
        services.delete_programme_item(item, request.user)
    except services.IllegalTransition as error:
        messages.error(request, str(error))
    return _back(visit, "#programme")


@login_required
def programme_download(request, pk, fmt):
    visit = _visit_or_404(request.user, pk)
    language = request.GET.get("lang") or translation.get_language()
    if language not in ("fi", "sv", "en"):
        language = "fi"
    content, content_type, extension = documents.render(visit, fmt, language)
    response = HttpResponse(content, content_type=content_type)
    name = f"programme-{visit.reference}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def outcome_add(request, pk):
    visit = _visit_or_404(request.user, pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, visit, outcome_form=form)
        return render(request, "visits/detail.html", context, status=400)
    try:
        services.add_outcome(visit, request.user, **form.cleaned_data)
    except services.IllegalTransition as error:
        messages.error(request, str(error))
        return _back(visit, "#outcomes")
    messages.success(request, _("The outcome was recorded."))
    return _back(visit, "#outcomes")


@login_required
def attachment(request, pk):
    visit = _visit_or_404(request.user, pk)
    if not visit.attachment:
        raise Http404
    try:
        handle = visit.attachment.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,  # never rendered by the browser on our origin
        filename=visit.attachment_name or visit.attachment.name.rsplit("/", 1)[-1],
        content_type=visit.attachment_type or "application/octet-stream",
    )


def _coordinator(request):
    if not access.is_coordinator(request.user):
        raise PermissionDenied


@login_required
def rules(request):
    """The triage rules and visit settings a coordinator edits."""
    _coordinator(request)
    settings_row = scoring.current_settings()
    form = RulesForm(request.POST or None, instance=settings_row)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            saved.modified_by = request.user
            saved.save()
            messages.success(
                request, _("The settings were saved. New requests are scored with them.")
            )
            return redirect("visits:rules")
        return render(request, "visits/rules.html", {"form": form}, status=400)
    return render(request, "visits/rules.html", {"form": form})


@login_required
def email_templates(request):
    _coordinator(request)
    emails.ensure_defaults()
    templates = EmailTemplate.objects.all()
    return render(
        request,
        "visits/email_templates.html",
        {"templates": templates, "placeholders": emails.PLACEHOLDERS.items()},
    )


@login_required
def email_template_edit(request, pk):
    _coordinator(request)
    template = get_object_or_404(EmailTemplate, pk=pk)
    form = EmailTemplateForm(request.POST or None, instance=template)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            saved.modified_by = request.user
            saved.save()
            messages.success(request, _("The e-mail template was saved."))
            return redirect("visits:email_templates")
        status = 400
    else:
        status = 200
    context = {"form": form, "template": template, "placeholders": emails.PLACEHOLDERS.items()}
    return render(request, "visits/email_template_form.html", context, status=status)
