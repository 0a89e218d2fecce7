"""Blocks draw the same content in HTML and DOCX; text is escaped, and only SVG marked safe by
``blocks.chart`` goes into the page as markup."""

import io

import docx

from citydiplomacy.reports import blocks, charts
from citydiplomacy.reports.render_docx import write_blocks
from citydiplomacy.reports.templatetags.report_format import runs


def test_runs__escaped_styled_and_on_new_lines():
    html = runs(
        blocks.cell(
            "Tallinn & <Espoo>",
            blocks.Text("Delayed", css="report-status", bold=True, new_line=True),
            blocks.muted("note"),
        )
    )

    assert html == (
        'Tallinn &amp; &lt;Espoo&gt;<br><b class="report-status">Delayed</b>'
        '<span class="report-muted">note</span>'
    )


def test_runs__only_charts_made_safe_are_markup():
    svg = charts.progress_bars([charts.Bar("A", 10)], title="T")

    assert runs((blocks.chart(svg),)).startswith("<svg")
    assert runs((blocks.Chart("<script>alert(1)</script>"),)) == (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_write_blocks__every_kind_in_the_docx():
    svg = charts.progress_bars([charts.Bar("A", 10)], title="Progress")
    document = docx.Document()

    write_blocks(
        document,
        [
            blocks.Heading("Where the money went"),
            blocks.Paragraph(blocks.cell("A note"), muted=True),
            blocks.Figures((("Measures", blocks.cell("12")),)),
            blocks.chart(svg, width_cm=8),
            blocks.Table(
                headers=(blocks.cell("Measure"), blocks.cell("Chart")),
                rows=(
                    (
                        blocks.cell("1.1 Fairs", blocks.muted("also 3", new_line=True)),
                        blocks.cell(blocks.chart(svg, width_cm=4)),
                    ),
                ),
                widths_cm=(8, 8),
            ),
        ],
    )
    saved = io.BytesIO()
    document.save(saved)
    reopened = docx.Document(io.BytesIO(saved.getvalue()))

    assert [p.text for p in reopened.paragraphs if p.text] == ["Where the money went", "A note"]
    assert reopened.paragraphs[0].style.name == "Heading 2"
    figures, table = reopened.tables
    assert [c.text for c in figures.rows[0].cells] == ["Measures", "12"]
    assert [c.text for c in table.rows[1].cells] == ["1.1 Fairs\nalso 3", ""]
    assert len(reopened.inline_shapes) == 2
    assert reopened.inline_shapes[0]._inline.docPr.get("title") == "Progress"
