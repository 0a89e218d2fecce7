"""Spreadsheet export and import pages of the register.

The export is exactly what the user may see, narrowed by the list's filter. The import page
refuses a file that is too large from its declared length, before the body is read (and a
handler stops a body that turns out longer); that is why the upload view checks the CSRF token
itself, after those checks, rather than in the middleware, which would read the whole body.
"""

import datetime
import tempfile

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from citydiplomacy.core import access

from ..filters import filtered_activities
from ..models import ImportState
from ..services import imports as service
from ..spreadsheet import records, writing
from ..spreadsheet.columns import COLUMNS
from ..spreadsheet.messages import column_help, message

CSV_CHUNK = 64 * 1024
# Room for the multipart boundaries and the other form fields around the file.
MULTIPART_SLACK = 64 * 1024


@require_GET
def export(request):
    """``?format=csv|xlsx`` and the list's filter parameters."""
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
    queryset, activity_filter = filtered_activities(request.user, request.GET)
    if activity_filter.is_bound and not activity_filter.is_valid():
        errors = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in activity_filter.errors.items()
        )
        return HttpResponseBadRequest(_("The filter is not valid: %(errors)s") % {"errors": errors})
    name = f"activities-{datetime.date.today().isoformat()}.{fmt}"
    rows = records.export_rows(queryset)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_chunks(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # openpyxl writes the workbook at the end, so it goes through a temporary file.
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    writing.write_xlsx(rows, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _csv_chunks(rows):
    buffer, size = [], 0
    for line in writing.csv_lines(rows):
        buffer.append(line)
        size += len(line)
        if size >= CSV_CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy(
            "In the format of the register's export: the first row holds the column names. "
            "Rows with an id change that activity, rows without one add a new activity."
        ),
    )


class _SizeLimit(FileUploadHandler):
    """Stops reading an upload as soon as it passes the limit."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit, self.received, self.exceeded = limit, 0, False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def _upload_page(request, form, status=200, error=""):
    imports = service.visible_imports(request.user).select_related("created_by")[:10]
    choices = records.choices()
    context = {
        "form": form,
        "error": error,
        "imports": imports,
        "max_mb": service.max_upload_bytes() // (1024 * 1024),
        "columns": [
            {"name": c.name, "help": column_help(c.name, choices), "optional": c.optional}
            for c in COLUMNS
        ],
    }
    return render(request, "register/import/upload.html", context, status=status)


@csrf_exempt
def import_upload(request):
    """Upload a spreadsheet; it is checked in the background (a dry run) and the next page
    shows what the import would do."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.can_create(request.user):
        raise PermissionDenied
    if request.method == "POST":
        limit = service.max_upload_bytes()
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + MULTIPART_SLACK:
            error = str(service.refuse_too_large())
            response = _upload_page(request, ImportForm(), status=413, error=error)
            response["Connection"] = "close"  # the rest of the body is not read
            return response
        size_limit = _SizeLimit(limit, request)
        request.upload_handlers.insert(0, size_limit)
        return _import_post(request, size_limit)
    return _import_get(request)


@csrf_protect
def _import_get(request):
    return _upload_page(request, ImportForm())


@csrf_protect
@require_http_methods(["POST"])
def _import_post(request, size_limit: _SizeLimit):
    form = ImportForm(request.POST, request.FILES)
    if size_limit.exceeded:
        error = str(service.refuse_too_large())
        return _upload_page(request, ImportForm(), status=413, error=error)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    try:
        activity_import = service.start_import(form.cleaned_data["file"], request.user)
    except service.ImportRefused as refused:
        form.add_error("file", str(refused))
        return _upload_page(request, form, status=400)
    return redirect("register:import-detail", activity_import.pk)


def _problems(activity_import) -> list[dict]:
    return [
        {**problem, "text": message(problem.get("code", ""), problem.get("params"))}
        for problem in activity_import.errors
    ]


@require_http_methods(["GET", "POST"])
def import_detail(request, pk):
    """The dry run's report and the button that runs the import; then its progress and result."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    activity_import = get_object_or_404(service.visible_imports(request.user), pk=pk)
    is_owner = activity_import.created_by_id == request.user.pk
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied
        if not activity_import.can_run:
            raise Http404
        service.confirm_import(activity_import)
        return redirect("register:import-detail", activity_import.pk)
    context = {
        "activity_import": activity_import,
        "problems": _problems(activity_import),
        "more_problems": activity_import.error_count - len(activity_import.errors),
        "can_run": is_owner and activity_import.can_run,
        "states": ImportState,
    }
    return render(request, "register/import/detail.html", context)


urlpatterns = [
    path("export/", export, name="export"),
    path("import/", import_upload, name="import"),
    path("import/<int:pk>/", import_detail, name="import-detail"),
]
