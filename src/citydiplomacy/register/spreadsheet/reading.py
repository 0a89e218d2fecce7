"""Reading a register spreadsheet: recognise the file by its content, check the header, and read
every row into values, collecting each problem as (row, column, message code).

Row numbers are those a spreadsheet program shows: the header is row 1.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .columns import BY_NAME, COLUMNS, NAMES, CellError, Column, column_letter, read_value

CSV, XLSX = "csv", "xlsx"
SNIFF_BYTES = 64 * 1024


class NotASpreadsheet(ValueError):
    """The file is neither CSV nor XLSX (or is damaged); ``code`` names why."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Problem:
    """One error: where it is and what it is (a message code and its parameters)."""

    row: int
    column: str
    code: str
    params: dict = field(default_factory=dict)
    letter: str = ""

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "code": self.code,
            "params": self.params,
        }


@dataclass
class Row:
    """One data row: its spreadsheet row number and its values by column name."""

    number: int
    values: dict


@dataclass
class Sheet:
    format: str
    rows: list[Row]
    problems: list[Problem]
    letters: dict[str, str] = field(default_factory=dict)  # column name → letter


def detect_format(head: bytes) -> str:
    """``csv`` or ``xlsx`` from the first bytes of a file, whatever its name says."""
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NotASpreadsheet("old_excel")
    if head.startswith(b"%PDF") or b"\x00" in head:
        raise NotASpreadsheet("binary")
    try:
        _decode(head, partial=True)
    except UnicodeDecodeError:
        raise NotASpreadsheet("binary") from None
    return CSV


def _decode(data: bytes, partial: bool = False) -> str:
    """UTF-8 (with or without the byte-order mark Excel writes); Windows-1252 as a fallback for
    CSV saved by older spreadsheet programs. Control characters mean it is not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A cut in the middle of a character at the end of a sniffed head is not an error.
        if partial and error.start >= len(data) - 3:
            text = data[: error.start].decode("utf-8-sig")
        else:
            text = data.decode("cp1252")
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text[:SNIFF_BYTES]):
        raise UnicodeDecodeError("utf-8", data[:1], 0, 1, "control characters")
    return text


def _csv_rows(data: bytes) -> Iterator[list]:
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise NotASpreadsheet("binary") from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheet programs in Finnish and Swedish save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise NotASpreadsheet("bad_csv", line=reader.line_num, detail=str(error)) from None


def _xlsx_rows(data: bytes) -> Iterator[list]:
    import openpyxl  # only when an XLSX file is read

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise NotASpreadsheet("bad_xlsx") from None
    except Exception:  # openpyxl raises many kinds on a damaged or foreign zip
        raise NotASpreadsheet("bad_xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


def table_rows(data: bytes) -> tuple[str, Iterator[list]]:
    """The file's format and its rows of raw cell values (header included)."""
    fmt = detect_format(data[:SNIFF_BYTES])
    return fmt, (_xlsx_rows(data) if fmt == XLSX else _csv_rows(data))


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def check_header(cells: Sequence) -> tuple[list[str | None], list[Problem]]:
    """Map each position of the header to a column name; problems for unknown, duplicated and
    missing names (all in row 1)."""
    problems, positions, seen = [], [], {}
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).strip().lstrip("\ufeff").strip().lower()
        letter = column_letter(index)
        if not name:
            positions.append(None)
            continue
        if name not in BY_NAME:
            problems.append(Problem(1, str(cell).strip(), "unknown_column", {}, letter))
            positions.append(None)
        elif name in seen:
            problems.append(Problem(1, name, "duplicate_column", {"first": seen[name]}, letter))
            positions.append(None)
        else:
            seen[name] = letter
            positions.append(name)
    for column in COLUMNS:
        if column.name not in seen and not column.optional:
            problems.append(Problem(1, column.name, "missing_column", {}, ""))
    return positions, problems


def _check_row(number: int, values: dict, letters: Mapping[str, str]) -> list[Problem]:
    """Rules across cells of one row."""
    problems = []
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        problems.append(
            Problem(
                number,
                "end_date",
                "end_before_start",
                {"start": start.isoformat(), "end": end.isoformat()},
                letters["end_date"],
            )
        )
    seniors, everyone = values.get("senior_participant_count"), values.get("participant_count")
    if isinstance(seniors, int) and isinstance(everyone, int) and seniors > everyone:
        problems.append(
            Problem(
                number,
                "senior_participant_count",
                "more_seniors",
                {"seniors": seniors, "participants": everyone},
                letters["senior_participant_count"],
            )
        )
    return problems


def read_rows(fmt: str, raw_rows: Iterable[list], choices: Mapping[str, Sequence[str]]) -> Sheet:
    """Every row read into values, and every problem found (header problems stop the reading:
    without a sound header no cell can be read for sure)."""
    iterator = iter(raw_rows)
    header = None
    for cells in iterator:
        if not all(_blank(cell) for cell in cells):
            header = cells
            break
    if header is None:
        return Sheet(fmt, [], [Problem(1, "", "empty_file")])
    positions, problems = check_header(header)
    if problems:
        return Sheet(fmt, [], problems)
    letters = {name: column_letter(i) for i, name in enumerate(positions) if name}
    present = [(index, BY_NAME[name]) for index, name in enumerate(positions) if name]
    absent: list[Column] = [column for column in COLUMNS if column.name not in letters]
    rows, csv_format = [], fmt == CSV
    for number, cells in enumerate(iterator, start=2):
        if all(_blank(cell) for cell in cells):
            continue
        values, row_problems = {}, []
        for index, column in present:
            raw = cells[index] if index < len(cells) else None
            try:
                values[column.name] = read_value(column, raw, choices=choices, csv=csv_format)
            except CellError as error:
                values[column.name] = None
                row_problems.append(
                    Problem(number, column.name, error.code, error.params, letters[column.name])
                )
        for index in range(len(positions), len(cells)):
            if not _blank(cells[index]):
                row_problems.append(
                    Problem(number, "", "cell_outside_columns", {}, column_letter(index))
                )
                break
        for column in absent:
            values[column.name] = None
        if not row_problems:
            row_problems = _check_row(number, values, letters)
        problems.extend(row_problems)
        rows.append(Row(number, values))
    return Sheet(fmt, rows, problems, letters)


def read_sheet(data: bytes, choices: Mapping[str, Sequence[str]]) -> Sheet:
    """A whole file read and checked. Raises :class:`NotASpreadsheet`."""
    fmt, raw_rows = table_rows(data)
    return read_rows(fmt, raw_rows, choices)


__all__ = ["CSV", "NAMES", "XLSX", "NotASpreadsheet", "Problem", "Row", "Sheet", "read_sheet"]
