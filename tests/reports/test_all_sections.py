"""Every section registered in the running project (the plan's and other capabilities') builds
and renders in all three formats: a section that breaks the report fails here, loudly."""

from django.utils import translation

from citydiplomacy.reports import followup, registry
from citydiplomacy.reports.render_docx import render_docx
from citydiplomacy.reports.render_pdf import render_html, render_pdf

from .conftest import PERIOD, docx_text, pdf_text


def test_every_registered_section__in_html_pdf_and_docx(plan, users):
    report = followup.build_report(plan, users["coordinator"], "en", *PERIOD)

    html, pdf, docx = (
        render_html(report),
        pdf_text(render_pdf(report)),
        docx_text(render_docx(report)),
    )

    keys = [section.key for section in registry.sections_for()]
    assert [section.key for section, _data in report.sections] == keys
    assert {"plan-summary", "plan-measures", "plan-indicators", "plan-updates"} <= set(keys)
    for section in registry.sections_for():
        assert f'id="section-{section.key}"' in html
        with translation.override("en"):
            title = str(section.title)
        assert title in pdf
        assert title in docx
