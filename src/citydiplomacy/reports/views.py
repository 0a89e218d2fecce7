"""The follow-up report in the app and as PDF and DOCX downloads. Thin: the form parses the
choice, ``followup`` builds the report for the signed-in user (or the public), the renderers
draw it. A plan the user may not see is a 404, like everywhere else."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import translation

from . import followup
from .forms import FollowUpForm
from .render_docx import render_docx
from .render_pdf import render_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan_and_form(request, plan_id):
    plan = followup.visible_plan(request.user, plan_id)
    if plan is None:
        raise Http404
    return plan, FollowUpForm.from_query(request.GET, translation.get_language())


def follow_up(request, plan_id):
    plan, form = _plan_and_form(request, plan_id)
    report = query = None
    if form.is_valid():
        report = followup.build_report(plan, request.user, **form.report_options())
        query = form.query()
    context = {"plan": plan, "form": form, "report": report, "query": query}
    return render(request, "reports/follow_up_page.html", context, status=200 if report else 400)


def _download(request, plan_id, renderer, extension: str, content_type: str):
    plan, form = _plan_and_form(request, plan_id)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    report = followup.build_report(plan, request.user, **form.report_options())
    response = HttpResponse(renderer(report), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.file_name(extension)}"'
    return response


def follow_up_pdf(request, plan_id):
    return _download(request, plan_id, render_pdf, "pdf", "application/pdf")


def follow_up_docx(request, plan_id):
    return _download(request, plan_id, render_docx, "docx", DOCX_TYPE)
