"""COINr's input tables saved as CSV: ``iData`` (units x indicators) and ``iMeta``.

``iData`` has ``uCode`` (the unit, here a city), optional ``uName`` and ``Time``, and
one column per ``iMeta`` entry. ``iMeta`` has ``Level, iCode, iName, Direction,
Weight, Unit, Target, Parent, Type`` (``Denominator`` optional), where ``Type`` is
``Indicator``, ``Aggregate``, ``Group``, ``Denominator`` or ``Other``. Indicator and
denominator columns become observations; group and other columns are unit attributes.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass

from ._text import (
    Source,
    check_unique_names,
    decoding_errors,
    is_blank,
    open_text,
    parse_number,
    parse_year,
)
from ._text import strip_bom as _strip_bom
from .model import IndicatorMeta, Observation, ObservationFormatError, ParsedFile

FORMAT = "coinr"
TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
_META_REQUIRED = ("Level", "iCode", "Parent", "Direction", "Type", "Weight")
_SPECIAL = ("uCode", "uName", "Time")
_MISSING = ("", "NA")
_Table = tuple[list[str], list[tuple[int, dict[str, str]]]]


@dataclass(frozen=True)
class CoinrData:
    """What a COINr iData/iMeta pair holds, ready for the benchmarking engine."""

    parsed: ParsedFile
    indicators: tuple[IndicatorMeta, ...]
    unit_names: dict[str, str]
    unit_attributes: dict[str, dict[str, str]]


def parse_coinr(idata: Source, imeta: Source, *, year: int | None = None) -> CoinrData:
    """Read COINr ``iData`` and ``iMeta`` CSV files, or raise ObservationFormatError.

    ``year`` is required when ``iData`` has no ``Time`` column. Missing values are
    empty or ``NA``. Errors in ``iMeta`` say "iMeta line N", errors in ``iData`` "line N".
    """
    meta = _parse_imeta(imeta)
    header, rows = _read_table(idata, "iData")
    _check_columns(header, meta)
    if "Time" not in header and year is None:
        raise ObservationFormatError("iData has no Time column; give the year", line=1)
    data_codes = [c for c in header if c in meta and meta[c].type in ("Indicator", "Denominator")]
    attribute_codes = [c for c in header if c in meta and meta[c].type in ("Group", "Other")]
    observations: list[Observation] = []
    names: dict[str, str] = {}
    attributes: dict[str, dict[str, str]] = {}
    first_line: dict[tuple[str, int], int] = {}
    for line, row in rows:
        unit = _required(row, "uCode", line)
        unit_year = year if "Time" not in row else _year(row["Time"], line)
        seen = first_line.setdefault((unit, unit_year), line)
        if seen != line:
            raise ObservationFormatError(
                f"duplicate: unit {unit}, year {unit_year} already on line {seen}", line=line
            )
        names[unit] = row.get("uName", "").strip() or unit
        attributes[unit] = {code: row[code].strip() for code in attribute_codes}
        for code in data_codes:
            value = _value(row[code], line, code)
            observations.append(Observation(unit, code, unit_year, value, ""))
    parsed = ParsedFile(
        format=FORMAT,
        observations=tuple(observations),
        dimensions={"uCode": tuple(names), "iCode": tuple(data_codes)},
        city_dimension="uCode",
        indicator_dimensions=("iCode",),
    )
    return CoinrData(parsed, tuple(meta.values()), names, attributes)


def _read_table(source: Source, label: str) -> _Table:
    with open_text(source, newline="") as stream, decoding_errors():
        reader = csv.reader(stream)
        header: list[str] | None = None
        rows = []
        for fields in reader:
            if is_blank(fields):
                continue
            if header is None:
                header = [_strip_bom(name).strip() for name in fields]
                check_unique_names(header, line=reader.line_num)
                continue
            if len(fields) != len(header):
                raise ObservationFormatError(
                    f"{label}: expected {len(header)} columns, found {len(fields)}",
                    line=reader.line_num,
                )
            rows.append((reader.line_num, dict(zip(header, fields, strict=True))))
    if header is None:
        raise ObservationFormatError(f"{label} is empty")
    return header, rows


def _parse_imeta(source: Source) -> dict[str, IndicatorMeta]:
    header, rows = _read_table(source, "iMeta")
    missing = [name for name in _META_REQUIRED if name not in header]
    if missing:
        raise ObservationFormatError(f"iMeta: broken header, missing {', '.join(missing)}", line=1)
    meta: dict[str, IndicatorMeta] = {}
    for line, row in rows:
        try:
            item = _meta_row(row)
        except ValueError as exc:
            raise ObservationFormatError(f"iMeta: {exc}", line=line) from None
        if item.code in meta:
            raise ObservationFormatError(f"iMeta: iCode {item.code} appears twice", line=line)
        meta[item.code] = item
    _check_parents(meta)
    return meta


def _meta_row(row: dict[str, str]) -> IndicatorMeta:
    code = row["iCode"].strip()
    kind = row["Type"].strip()
    if not code:
        raise ValueError("empty iCode")
    if kind not in TYPES:
        raise ValueError(f"Type {kind!r} is not one of {', '.join(TYPES)}")
    direction = _optional(row.get("Direction"), _integer, "Direction")
    if direction not in (None, 1, -1):
        raise ValueError(f"Direction of {code} must be 1 or -1")
    return IndicatorMeta(
        code=code,
        name=(row.get("iName") or "").strip() or code,
        type=kind,
        level=_optional(row.get("Level"), _integer, "Level"),
        parent=_optional(row.get("Parent"), str, "Parent"),
        direction=direction,
        weight=_optional(row.get("Weight"), parse_number, "Weight"),
        unit=_optional(row.get("Unit"), str, "Unit"),
        target=_optional(row.get("Target"), parse_number, "Target"),
        denominator=_optional(row.get("Denominator"), str, "Denominator"),
    )


def _optional(text: str | None, convert: Callable, column: str):
    if text is None or text.strip() in _MISSING:
        return None
    try:
        return convert(text.strip())
    except ValueError:
        raise ValueError(f"{column} {text.strip()!r} is not valid") from None


def _integer(text: str) -> int:
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and len(digits) < 10):
        raise ValueError(text)
    return int(text)


def _check_parents(meta: dict[str, IndicatorMeta]) -> None:
    for item in meta.values():
        if item.parent is not None and item.parent not in meta:
            raise ObservationFormatError(
                f"iMeta: parent {item.parent!r} of {item.code} is not an iCode"
            )


def _check_columns(header: list[str], meta: dict[str, IndicatorMeta]) -> None:
    if "uCode" not in header:
        raise ObservationFormatError("iData: broken header, no uCode column", line=1)
    unknown = [c for c in header if c not in _SPECIAL and c not in meta]
    if unknown:
        raise ObservationFormatError(f"iData columns not in iMeta: {', '.join(unknown)}", line=1)
    absent = [c for c, m in meta.items() if m.type != "Aggregate" and c not in header]
    if absent:
        raise ObservationFormatError(f"iMeta codes with no iData column: {', '.join(absent)}")


def _required(row: dict[str, str], column: str, line: int) -> str:
    value = row[column].strip()
    if not value:
        raise ObservationFormatError("empty code", line=line, column=column)
    return value


def _year(text: str, line: int) -> int:
    try:
        return parse_year(text)
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=line, column="Time") from None


def _value(text: str, line: int, column: str) -> float | None:
    stripped = text.strip()
    if stripped in _MISSING:
        return None
    try:
        return parse_number(stripped)
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=line, column=column) from None
