"""Writing rows in the register's format: CSV line by line (for a streaming response) and XLSX
through openpyxl's write-only mode, so neither holds the whole register in memory."""

import csv
import io
import re
from collections.abc import Iterable, Iterator

from .columns import COLUMNS, write_text, write_value

BOM = "\ufeff"  # so that Excel opens UTF-8 CSV as UTF-8
# Characters an XLSX file cannot hold (XML 1.0 control characters).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Line:
    """A file object that hands back what csv.writer wrote."""

    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text = text


def csv_lines(rows: Iterable[dict], *, bom: bool = True) -> Iterator[str]:
    """The header, then one CSV line per row (CRLF line ends, as spreadsheet programs write)."""
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    yield (BOM if bom else "") + line.text
    for row in rows:
        writer.writerow([write_text(column, row.get(column.name)) for column in COLUMNS])
        yield line.text


def csv_bytes(rows: Iterable[dict]) -> bytes:
    return "".join(csv_lines(rows)).encode("utf-8")


def write_xlsx(rows: Iterable[dict], target, *, title: str = "Activities") -> None:
    """Write the sheet to ``target`` (a path or binary file). Text is stored as text even when
    it starts with "=", so nothing in the register becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = write_value(column, row.get(column.name))
            if isinstance(value, str):
                value = _ILLEGAL_XML.sub("", value)
                if value.startswith("="):
                    cell = WriteOnlyCell(sheet)
                    cell.value = value
                    cell.data_type = "s"  # text, never a formula
                    value = cell
            cells.append(value)
        sheet.append(cells)
    workbook.save(target)


def xlsx_bytes(rows: Iterable[dict]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer)
    return buffer.getvalue()
