"""DOCX rendering of a report with python-docx: the cover, then each section on its own page,
drawn from the same blocks as the HTML (``write_blocks``).

Charts are the same SVG as in the HTML and PDF, converted to PNG with CairoSVG (WeasyPrint's
sibling, on the same system cairo), so the three formats show the same picture. Each picture
carries the chart's title and description as alternative text.
"""

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

import cairosvg
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import blocks
from .followup import Report

SVG_NS = "{http://www.w3.org/2000/svg}"
TEXT_WIDTH_CM = 16.0
MUTED = "595959"
LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def render_docx(report: Report) -> bytes:
    """The report as a .docx file: cover, contents, then each section on its own page."""
    with translation.override(report.language):
        document = Document()
        _document_language(document, report.language)
        _core_properties(document, report)
        _header_and_footer(document, report)
        _cover(document, report)
        for section, data in report.sections:
            document.add_page_break()
            document.add_heading(str(section.title), level=1)
            section.write_docx(document, data)
        output = io.BytesIO()
        document.save(output)
    return output.getvalue()


def _core_properties(document, report: Report) -> None:
    properties = document.core_properties
    properties.title = f"{report.title}: {report.plan}"
    properties.subject = report.period_text
    properties.language = LANGUAGE_TAGS.get(report.language, report.language)
    properties.author = settings.CITY_NAME
    properties.created = report.context.generated_at


def _document_language(document, language: str) -> None:
    """Spell-checking and hyphenation in Word follow the report's language."""
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), LANGUAGE_TAGS.get(language, language))
    run_properties.append(element)


def _header_and_footer(document, report: Report) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.text = f"{report.plan} · {report.period_text}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = 2  # right
    _page_number_field(footer)


def _page_number_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _cover(document, report: Report) -> None:
    document.add_paragraph(settings.CITY_NAME).runs[0].bold = True
    document.add_heading(str(report.title), level=0)
    document.add_heading(str(report.plan), level=2)
    for label, value in report.cover_facts():
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    add_runs(document.add_paragraph(), [blocks.Text(report.readership)], muted=True)
    document.add_heading(_("Contents"), level=2)
    for number, (section, _data) in enumerate(report.sections, start=1):
        document.add_paragraph(f"{number}. {section.title}")


# Helpers for sections that write their DOCX themselves rather than as blocks.
Styled = blocks.Text  # its earlier name; a leading "\n" in the text also starts a new line


def add_paragraph(document, text: str, *, muted: bool = False, bold: bool = False) -> None:
    _paragraph(document, blocks.Paragraph((blocks.Text(text, bold=bold),), muted=muted))


def add_table(document, headers, rows, *, widths_cm=()) -> None:
    """A table of plain strings, ``Styled`` texts or lists of them."""
    table = blocks.Table(
        headers=tuple(blocks.cell(str(header)) for header in headers),
        rows=tuple(tuple(_as_cell(value) for value in row) for row in rows),
        widths_cm=tuple(widths_cm),
    )
    _table(document, table)


def _as_cell(value) -> blocks.Cell:
    return blocks.cell(value) if isinstance(value, str | blocks.Text) else blocks.cell(*value)


def write_blocks(document, content: Iterable[blocks.Block]) -> None:
    """Add a section's blocks to the document."""
    for block in content:
        _WRITERS[block.kind](document, block)


def _heading(document, block: blocks.Heading) -> None:
    document.add_heading(block.text, level=2)


def _paragraph(document, block: blocks.Paragraph) -> None:
    add_runs(document.add_paragraph(), block.runs, muted=block.muted)


def _figures(document, block: blocks.Figures) -> None:
    table = document.add_table(rows=len(block.items), cols=2)
    for row, (label, value) in zip(table.rows, block.items, strict=True):
        add_runs(row.cells[0].paragraphs[0], [blocks.Text(label)], muted=True)
        add_runs(row.cells[1].paragraphs[0], value, size=Pt(14), bold=True)


def _chart(document, block: blocks.Chart) -> None:
    add_chart(document, block.svg, width_cm=block.width_cm)


def _table(document, block: blocks.Table) -> None:
    """A table with its header row repeated on every page."""
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        _fill(cell, header, bold=True)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _fill(cell, value)
    for column, width in zip(table.columns, block.widths_cm, strict=False):
        for cell in column.cells:
            cell.width = Cm(width)


_WRITERS = {
    "heading": _heading,
    "paragraph": _paragraph,
    "figures": _figures,
    "chart": _chart,
    "table": _table,
}


def _fill(cell, runs: blocks.Cell, *, bold: bool = False) -> None:
    texts = [run for run in runs if run.kind == "text"]
    add_runs(cell.paragraphs[0], texts, size=Pt(9), bold=bold)
    for chart in (run for run in runs if run.kind == "chart"):
        add_chart(cell, chart.svg, width_cm=chart.width_cm)


def add_runs(paragraph, runs: Sequence[blocks.Text], *, muted=False, size=None, bold=False) -> None:
    """Append runs to a paragraph, bold and coloured as each says."""
    for item in runs:
        if item.new_line:
            paragraph.add_run().add_break()
        run = paragraph.add_run(item.text)
        run.bold = item.bold or bold or None
        colour = item.colour.lstrip("#") or (MUTED if muted else "")
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour.upper())
        if size:
            run.font.size = size


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def add_chart(target, svg: str, *, width_cm: float = TEXT_WIDTH_CM) -> None:
    """The SVG chart as a PNG picture, with its title and description as alternative text.

    ``target`` is the document (the picture gets a paragraph of its own) or a table cell.
    """
    png = io.BytesIO(cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2))
    if hasattr(target, "add_picture"):
        shape = target.add_picture(png, width=Cm(width_cm))
    else:
        paragraph = target.paragraphs[-1]
        if paragraph.text:
            paragraph = target.add_paragraph()
        shape = paragraph.add_run().add_picture(png, width=Cm(width_cm))
    title, desc = chart_texts(svg)
    shape._inline.docPr.set("title", title)
    shape._inline.docPr.set("descr", desc)


def chart_texts(svg: str) -> tuple[str, str]:
    """The chart's ``<title>`` and ``<desc>``."""
    root = ET.fromstring(svg)
    return (root.findtext(f"{SVG_NS}title") or "", root.findtext(f"{SVG_NS}desc") or "")
