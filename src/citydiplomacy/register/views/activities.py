"""The register's list, activity pages and the activity form. Access: ``visible_to`` for reading
(an activity the user may not see is a 404), ``can_edit_unit`` for changing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import EditConflict
from citydiplomacy.core.models import City
from citydiplomacy.plan.models import Measure

from ..filters import filter_query, filtered_activities
from ..forms import ActivityForm
from ..models import Activity, ActivityAttachment, PartnerOrganisation
from ..services import activities as service
from ..services import radar as radar_service

PAGE_SIZES = (25, 50, 100)
#: Counting stops here: an exact count of a large register costs a scan of all of it, and
#: nobody pages that far; "more than 10,000" says enough.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator whose count reads at most ``COUNT_CAP + 1`` rows."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)

    capped = False


SORTS = {"newest": ("-start_date", "-id"), "oldest": ("start_date", "id")}


def _page_size(request) -> int:
    try:
        size = int(request.GET.get("per_page", PAGE_SIZES[1]))
    except ValueError:
        return PAGE_SIZES[1]
    return size if size in PAGE_SIZES else PAGE_SIZES[1]


def _row_prefetches():
    """What a row shows, fetched for the rows of one page only."""
    return (
        Prefetch("cities", queryset=City.objects.select_related("country").order_by("name")),
        "countries",
        Prefetch("partners", queryset=PartnerOrganisation.objects.order_by("name")),
    )


def activity_list(request):
    activities, activity_filter = filtered_activities(request.user, request.GET)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "newest"
    # The filters are EXISTS conditions, so the count runs over the activity table alone.
    rows = activities.select_related("unit").prefetch_related(*_row_prefetches())
    paginator = CappedPaginator(rows.order_by(*SORTS[sort]), _page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    query = filter_query(request.GET)
    cleaned = getattr(activity_filter.form, "cleaned_data", {})
    context = {
        "filter": activity_filter,
        "page": page,
        "query": query,
        "sort": sort,
        "per_page": paginator.per_page,
        "page_sizes": PAGE_SIZES,
        "paging_query": _without(request.GET, "page"),
        "sort_query": _without(request.GET, "page", "sort"),
        "filtered": bool(query),
        "partner_filter": cleaned.get("partner"),
        "without_partner": _without(request.GET, "page", "partner"),
        "can_create": access.can_create(request.user),
    }
    return render(request, "register/activities/list.html", context)


def _without(params, *names) -> str:
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept.urlencode()


def _visible_activity_or_404(user, pk) -> Activity:
    activity = (
        Activity.objects.visible_to(user)
        .select_related("unit", "created_by", "modified_by")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def activity_detail(request, pk):
    user = request.user
    activity = (
        Activity.objects.visible_to(user)
        .select_related("unit", "created_by", "modified_by", "trip_approval")
        .prefetch_related(
            *_row_prefetches(),
            "units",
            "external_actors",
            "themes",
            "shared_with",
            Prefetch("objectives"),
            Prefetch(
                "measures",
                queryset=Measure.objects.visible_to(user).select_related("plan"),
            ),
            "attachments",
        )
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    context = {
        "activity": activity,
        "can_edit": activity.is_editable_by(user),
        "show_history": user.is_authenticated and user.role != "partner",
        "staff": user.is_authenticated and user.role != "partner",
        # For the radar's slot on the page (register/_detail_radar.html).
        "radar_findings": radar_service.detail_findings(user, activity),
    }
    return render(request, "register/activities/detail.html", context)


def _conflict_message(conflict, form) -> str:
    labels = [str(form.fields[f].label) for f in conflict.changed_fields if f in form.fields]
    return _(
        "%(who)s saved this activity while you were editing it. Changed: %(fields)s. "
        "Your changes were not saved; reload the page to see the current version."
    ) % {"who": conflict.current.modified_by or _("Someone"), "fields": ", ".join(labels) or "—"}


def _save(request, form):
    """Save a valid form through the service; None (with the form's errors) if refused."""
    links = form.links()
    new_partner = form.new_partner()
    try:
        if new_partner is not None:
            links["partners"].append(service.find_or_create_partner(*new_partner, by=request.user))
        return service.save_activity(
            form.instance,
            form.field_values(),
            links,
            by=request.user,
            expected_version=form.expected_version(),
            attachments=form.attachments(),
            remove_attachments=form.cleaned_data.get("remove_attachments") or [],
        )
    except EditConflict as conflict:
        form.add_error(None, _conflict_message(conflict, form))
    except ValidationError as error:
        form.add_error(None, error)
    return None


def _render_form(request, form, activity):
    status = 409 if form.non_field_errors() else (400 if form.errors else 200)
    return render(
        request,
        "register/activities/form.html",
        {"form": form, "activity": activity},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not access.can_create(request.user):
        raise PermissionDenied
    unit = request.user.unit
    initial = {"unit": unit.pk} if unit and access.can_edit_unit(request.user, unit) else {}
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=Activity(),
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        activity = _save(request, form)
        if activity is not None:
            messages.success(request, _("The activity was saved."))
            return redirect("register:detail", pk=activity.pk)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    original = _visible_activity_or_404(request.user, pk)
    if not original.is_editable_by(request.user):
        raise PermissionDenied
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=Activity.objects.get(pk=pk),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        activity = _save(request, form)
        if activity is not None:
            messages.success(request, _("The activity was saved."))
            return redirect("register:detail", pk=activity.pk)
    return _render_form(request, form, original)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _visible_activity_or_404(request.user, pk)
    if not activity.is_editable_by(request.user):
        raise PermissionDenied
    if request.method == "POST":
        title = activity.title
        service.delete_activity(activity, by=request.user)
        messages.success(request, _("The activity “%(title)s” was deleted.") % {"title": title})
        return redirect("register:list")
    return render(request, "register/activities/confirm_delete.html", {"activity": activity})


def attachment_download(request, pk):
    """An attachment, for those who may see its activity; always downloaded, never rendered."""
    attachment = get_object_or_404(
        ActivityAttachment.objects.only("activity_id", "file", "name"), pk=pk
    )
    _visible_activity_or_404(request.user, attachment.activity_id)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    extension = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else ""
    filename = (
        attachment.name
        if not extension or attachment.name.endswith(extension)
        else (f"{attachment.name}.{extension}")
    )
    return FileResponse(handle, as_attachment=True, filename=filename)


urlpatterns = [
    path("", activity_list, name="list"),
    path("new/", activity_create, name="create"),
    path("<int:pk>/", activity_detail, name="detail"),
    path("<int:pk>/edit/", activity_edit, name="edit"),
    path("<int:pk>/delete/", activity_delete, name="delete"),
    path("attachments/<int:pk>/", attachment_download, name="attachment"),
]
