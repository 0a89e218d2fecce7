"""Report content as blocks: sub-headings, paragraphs, key figures, tables and charts.

A section that builds its data as blocks gets its HTML (the in-app page and the PDF) and its
DOCX from the same data: one template filter and one DOCX writer draw every block, so the
formats cannot drift apart, and a new capability's section is only its ``build``.
``BlockSection`` is the registry section that works this way; a section with needs of its own
can still subclass ``registry.Section`` with its own template and DOCX writer.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from . import registry


@dataclass(frozen=True)
class Text:
    """A run of text within a paragraph or a table cell."""

    text: str
    css: str = ""  # HTML classes, e.g. "report-status report-status--delayed"
    colour: str = ""  # the same colour for the DOCX, e.g. "#b01038"
    bold: bool = False
    new_line: bool = False  # starts a new line within its paragraph or cell
    kind = "text"


@dataclass(frozen=True)
class Chart:
    """An SVG chart (from ``charts``), drawn as such in HTML and PDF, as a picture in DOCX."""

    svg: str
    width_cm: float = 16.0  # its width in the DOCX
    css: str = ""
    kind = "chart"


MUTED_COLOUR = "#595959"


def muted(text: str, *, new_line: bool = False) -> Text:
    """Secondary text (a note, a description under a name), grey in every format."""
    return Text(text, css="report-muted", colour=MUTED_COLOUR, new_line=new_line)


def chart(svg: str, **options) -> Chart:
    """A block of an SVG made by ``reports.charts`` (which escapes every text it draws)."""
    return Chart(mark_safe(svg), **options)


Run = Text | Chart
Cell = tuple[Run, ...]


def cell(*items: str | Run) -> Cell:
    """A paragraph's or a cell's runs; plain strings become plain text."""
    return tuple(Text(item) if isinstance(item, str) else item for item in items)


@dataclass(frozen=True)
class Heading:
    """A sub-heading within a section (the section's own heading is drawn for it)."""

    text: str
    outline: bool = True  # listed in the PDF's bookmarks (no for long runs of small headings)
    kind = "heading"


@dataclass(frozen=True)
class Paragraph:
    runs: Cell
    muted: bool = False
    css: str = ""
    kind = "paragraph"


@dataclass(frozen=True)
class Figures:
    """Key figures: (label, value) pairs shown large."""

    items: tuple[tuple[str, Cell], ...]
    kind = "figures"


@dataclass(frozen=True)
class Table:
    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    css: str = ""  # HTML classes, e.g. for column widths
    widths_cm: tuple[float, ...] = ()  # column widths in the DOCX
    row_headers: bool = False  # the first cell of each row heads it
    kind = "table"


Block = Heading | Paragraph | Figures | Chart | Table


class BlockSection(registry.Section):
    """A report section whose ``build`` returns a list of blocks."""

    template_name = "reports/blocks.html"

    def build(self, context) -> list[Block]:
        raise NotImplementedError

    def write_docx(self, document, data: list[Block]) -> None:
        from .render_docx import write_blocks

        write_blocks(document, data)
