"""Sections come from a registry: a capability adds its own section, which then appears in the
PDF and the DOCX, without the report code changing; a failing section fails loudly."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from citydiplomacy.reports import blocks, charts, followup, registry
from citydiplomacy.reports.render_docx import add_paragraph, render_docx
from citydiplomacy.reports.render_pdf import render_html, render_pdf

from .conftest import PERIOD, docx_text, open_docx, pdf_text

pytestmark = pytest.mark.usefixtures("plan_sections_only")

MARKER = "Benchmarking highlight: Tallinn ahead in startup visas"


class ExtraSection(registry.Section):
    key = "extra"
    order = 35  # between the indicators (30) and the updates (40)
    title = "Benchmarking highlights"
    template_name = "reports_test/extra.html"

    def build(self, context):
        return {"marker": MARKER, "user": context.user}

    def write_docx(self, document, data):
        add_paragraph(document, data["marker"])


class AlignmentSection(blocks.BlockSection):
    """A section as blocks only: no template, no DOCX code."""

    key = "alignment"
    order = 25
    title = "Plan against activity"

    def build(self, context):
        bars = [charts.Bar("Climate", 40), charts.Bar("Digitalisation", 75)]
        return [
            blocks.Heading("Where the money went"),
            blocks.chart(charts.progress_bars(bars, title="Share of spending by spearhead")),
            blocks.Table(
                headers=(blocks.cell("Spearhead"), blocks.cell("Share")),
                rows=((blocks.cell("Climate"), blocks.cell(blocks.Text("40 %", bold=True))),),
            ),
            blocks.Paragraph(blocks.cell("Spending <follows> the plan & its priorities.")),
        ]


class BrokenSection(ExtraSection):
    key = "broken"

    def build(self, context):
        raise RuntimeError("the data source is down")


@pytest.fixture
def test_templates(settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {**engine, "DIRS": [*engine["DIRS"], Path(__file__).parent / "templates"]}
    ]


def test_registered_section__appears_in_pdf_and_docx_then_goes(plan, users, test_templates):
    with registry.registered(ExtraSection()):
        report = followup.build_report(plan, users["coordinator"], "en", *PERIOD)
        pdf, docx = pdf_text(render_pdf(report)), docx_text(render_docx(report))
    after = followup.build_report(plan, users["coordinator"], "en", *PERIOD)

    assert [s.key for s, _data in report.sections] == [
        "plan-summary",
        "plan-measures",
        "plan-indicators",
        "extra",
        "plan-updates",
    ]
    assert report.sections[3][1]["user"] == users["coordinator"]  # built for the reader
    for text in (pdf, docx):
        assert MARKER in text
        assert "Benchmarking highlights" in text  # its heading (and the contents entry)
    assert "extra" not in [s.key for s, _data in after.sections]
    assert MARKER not in docx_text(render_docx(after))


def test_block_section__drawn_in_html_pdf_and_docx_from_build_alone(plan, users):
    with registry.registered(AlignmentSection()):
        report = followup.build_report(plan, users["coordinator"], "en", *PERIOD)
        html, pdf, docx = render_html(report), render_pdf(report), render_docx(report)

    assert '<p class="report-paragraph">Spending &lt;follows&gt; the plan &amp; its' in html
    assert "<td><b>40 %</b></td>" in html
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "Where the money went" in text
        assert "Spending <follows> the plan & its priorities." in text
        assert "Climate 40 %" in text
    pictures = [shape._inline.docPr.get("title") for shape in open_docx(docx).inline_shapes]
    assert "Share of spending by spearhead" in pictures


def test_failing_section__error_propagates_naming_the_section(plan, users):
    with registry.registered(BrokenSection()), pytest.raises(RuntimeError) as caught:
        followup.build_report(plan, users["coordinator"], "en", *PERIOD)

    assert "in report section follow-up/broken" in caught.value.__notes__


def test_register__another_section_under_a_taken_key_refused():
    class Impostor(ExtraSection):
        key = "plan-summary"

    with pytest.raises(ImproperlyConfigured, match="plan-summary"):
        registry.register(Impostor())
    assert type({s.key: s for s in registry.sections_for()}["plan-summary"]).__name__ == (
        "SummarySection"
    )


def test_register__same_section_twice_keeps_one():
    from citydiplomacy.plan.report_sections import SummarySection

    registry.register(SummarySection())

    assert [s.key for s in registry.sections_for()].count("plan-summary") == 1


def test_register__section_without_template_refused():
    class NoTemplate(ExtraSection):
        template_name = ""

    with pytest.raises(ImproperlyConfigured):
        registry.register(NoTemplate())


def test_sections_for__other_report_is_separate():
    class OtherReport(ExtraSection):
        report = "visit-programme"

    with registry.registered(OtherReport()):
        assert [s.key for s in registry.sections_for("visit-programme")] == ["extra"]
        assert "extra" not in [s.key for s in registry.sections_for()]
    assert registry.sections_for("visit-programme") == []
