"""CSV reading and writing in COINr's conventions (stdlib ``csv`` only).

Reading is strict: every row must have as many fields as the header, and numeric fields must
parse, otherwise an :class:`EngineError` names the file, line and column. Writing quotes every
field, leaves missing values empty and writes numbers in their shortest round-trip form.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import EngineError

MISSING_TOKENS = frozenset({"", "NA"})
SPECIAL_NUMBERS = {"NaN": math.nan, "Inf": math.inf, "-Inf": -math.inf}


def read_rows(path: str | Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV file into its header and rows, checking the shape of every row."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            records = list(csv.reader(handle, strict=True))
    except FileNotFoundError as exc:
        raise EngineError(f"CSV file not found: {path}") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise EngineError(f"malformed CSV {path}: {exc}") from exc
    records = [row for row in records if row]  # blank lines carry nothing
    if not records:
        raise EngineError(f"malformed CSV {path}: the file is empty")
    header = [name.strip() for name in records[0]]
    _check_header(path, header)
    for line, row in enumerate(records[1:], start=2):
        if len(row) != len(header):
            raise EngineError(
                f"malformed CSV {path}, line {line}: {len(row)} fields, "
                f"the header has {len(header)}"
            )
    return header, records[1:]


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if not name:
            raise EngineError(f"malformed CSV {path}: empty column name in the header")
        if name in seen:
            raise EngineError(f"malformed CSV {path}: duplicate column '{name}'")
        seen.add(name)


def parse_number(text: str, where: str) -> float:
    """Parse one numeric field; empty or ``NA`` means missing (NaN)."""
    token = text.strip()
    if token in MISSING_TOKENS:
        return math.nan
    if token in SPECIAL_NUMBERS:
        return SPECIAL_NUMBERS[token]
    try:
        return float(token)
    except ValueError:
        raise EngineError(f"malformed CSV {where}: '{text}' is not a number") from None


def format_number(value: float) -> str:
    """COINr's number text: ``%.15g`` if it reads back exactly, else ``%.17g``; NaN is empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    for digits in (15, 17):
        text = f"{value:.{digits}g}"
        if float(text) == value:
            return text
    return repr(value)  # pragma: no cover - %.17g always round-trips


def format_cell(value: object) -> str:
    """Text of one output cell: numbers as :func:`format_number`, None as empty."""
    if value is None:
        return ""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars become Python bool/int/float
    if isinstance(value, bool | int | float):
        return format_number(value)
    return str(value)


def write_rows(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a table with every field double-quoted, like COINr's reference files."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([format_cell(value) for value in row])
