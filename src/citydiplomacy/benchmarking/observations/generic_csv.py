"""Generic CSV files that a city's own analysts produce.

*Long*: one observation per line, ``city,indicator,year,value[,flag]``.
*Wide*: one line per city and indicator, ``city,indicator,2016,2017,...``; a cell may
carry Eurostat flags after a space (``"45 e"``).
Column names are matched case-insensitively and can be renamed with keyword arguments.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO

from ._text import (
    Source,
    check_flags,
    check_unique_names,
    decoding_errors,
    is_blank,
    open_text,
    parse_cell,
    parse_number,
    parse_year,
    strip_bom,
)
from .model import Observation, ObservationFormatError, ParsedFile
from .writing import format_cell, format_value, grid_years, open_output

MISSING_DEFAULT = ("", ":", "NA")


class _Reader:
    """Shared header handling: locate named columns, report problems with line numbers."""

    def __init__(self, stream: IO[str], delimiter: str):
        self.rows = csv.reader(stream, delimiter=delimiter)
        self.header_line = 1
        self.header = self._header()
        self.lowered = [name.lower() for name in self.header]

    def _header(self) -> list[str]:
        for fields in self.rows:
            if not is_blank(fields):
                self.header_line = self.rows.line_num
                names = [strip_bom(name).strip() for name in fields]
                check_unique_names([name.lower() for name in names], line=self.header_line)
                return names
        raise ObservationFormatError("the file is empty")

    def position(self, name: str, *, required: bool = True) -> int | None:
        if name.lower() in self.lowered:
            return self.lowered.index(name.lower())
        if required:
            raise ObservationFormatError(
                f"broken header: no {name!r} column (found {', '.join(self.header)})",
                line=self.header_line,
            )
        return None

    def records(self) -> Iterable[tuple[int, list[str]]]:
        for fields in self.rows:
            if is_blank(fields):
                continue
            if len(fields) != len(self.header):
                raise ObservationFormatError(
                    f"expected {len(self.header)} columns, found {len(fields)}",
                    line=self.rows.line_num,
                )
            yield self.rows.line_num, fields


def _number(text: str, decimal: str) -> float:
    if decimal != ".":
        if "." in text:
            raise ValueError(f"{text!r} is not a number (decimal separator is {decimal!r})")
        text = text.replace(decimal, ".")
    return parse_number(text)


def _cell(text: str, decimal: str, missing: Sequence[str]) -> tuple[float | None, str]:
    """A wide-CSV cell: missing marker, or Eurostat ``value[ flags]`` syntax."""
    stripped = text.strip()
    if stripped in missing:
        return None, ""
    if decimal == ".":
        return parse_cell(stripped)
    value_text, _, flags = stripped.partition(" ")
    if value_text == ":":
        return None, check_flags(flags.strip())
    return _number(value_text, decimal), check_flags(flags.strip())


def _code(fields: list[str], position: int, name: str, line: int) -> str:
    code = fields[position].strip()
    if not code:
        raise ObservationFormatError("empty code", line=line, column=name)
    return code


def parse_long_csv(
    source: Source,
    *,
    city_column: str = "city",
    indicator_column: str = "indicator",
    year_column: str = "year",
    value_column: str = "value",
    flag_column: str = "flag",
    delimiter: str = ",",
    decimal: str = ".",
    missing: Sequence[str] = MISSING_DEFAULT,
) -> ParsedFile:
    """Read a long CSV (one observation per line); the flag column is optional.

    Other columns are ignored (and listed in :attr:`ParsedFile.notes`). Values equal
    to one of ``missing`` are missing values.
    """
    with open_text(source, newline="") as stream, decoding_errors():
        reader = _Reader(stream, delimiter)
        names = (city_column, indicator_column, year_column, value_column)
        city, indicator, year, value = (reader.position(name) for name in names)
        flag = reader.position(flag_column, required=False)
        used = {city, indicator, year, value, flag}
        ignored = [name for i, name in enumerate(reader.header) if i not in used]
        first_line: dict[tuple[str, str, int], int] = {}
        observations = []
        for line, fields in reader.records():
            obs = Observation(
                _code(fields, city, city_column, line),
                _code(fields, indicator, indicator_column, line),
                _field(line, year_column, parse_year, fields[year]),
                _field(line, value_column, _long_value, fields[value], decimal, missing),
                _field(line, flag_column, check_flags, _flags(fields, flag)),
            )
            _check_new((obs.city_code, obs.indicator_code, obs.year), first_line, line)
            observations.append(obs)
    notes = (f"ignored columns: {', '.join(ignored)}",) if ignored else ()
    return _parsed("long-csv", observations, city_column, indicator_column, notes)


def _flags(fields: list[str], position: int | None) -> str:
    return "" if position is None else fields[position].strip()


def _long_value(text: str, decimal: str, missing: Sequence[str]) -> float | None:
    stripped = text.strip()
    return None if stripped in missing else _number(stripped, decimal)


def _field(line: int, column: str, parse, *args):
    """Run ``parse(*args)``, reporting a ValueError at this line and column."""
    try:
        return parse(*args)
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=line, column=column) from None


def _check_new(key: tuple, first_line: dict, line: int) -> None:
    seen = first_line.setdefault(key, line)
    if seen != line:
        what = ", ".join(str(part) for part in key)
        raise ObservationFormatError(f"duplicate: {what} already on line {seen}", line=line)


def _parsed(fmt: str, observations, city: str, indicator: str, notes=()) -> ParsedFile:
    return ParsedFile(
        format=fmt,
        observations=tuple(observations),
        dimensions={
            city: tuple(dict.fromkeys(o.city_code for o in observations)),
            indicator: tuple(dict.fromkeys(o.indicator_code for o in observations)),
        },
        city_dimension=city,
        indicator_dimensions=(indicator,),
        notes=tuple(notes),
    )


def parse_wide_csv(
    source: Source,
    *,
    city_column: str = "city",
    indicator_column: str = "indicator",
    delimiter: str = ",",
    decimal: str = ".",
    missing: Sequence[str] = MISSING_DEFAULT,
) -> ParsedFile:
    """Read a wide CSV: city and indicator columns, then one column per year.

    Every other column must be a four-digit year; cells hold ``value[ flags]``.
    """
    with open_text(source, newline="") as stream, decoding_errors():
        reader = _Reader(stream, delimiter)
        city = reader.position(city_column)
        indicator = reader.position(indicator_column)
        year_columns = [
            (i, _field(reader.header_line, name, parse_year, name))
            for i, name in enumerate(reader.header)
            if i not in (city, indicator)
        ]
        first_line: dict[tuple[str, str], int] = {}
        observations = []
        for line, fields in reader.records():
            city_code = _code(fields, city, city_column, line)
            indicator_code = _code(fields, indicator, indicator_column, line)
            _check_new((city_code, indicator_code), first_line, line)
            for i, year in year_columns:
                value, flags = _field(line, str(year), _cell, fields[i], decimal, missing)
                observations.append(Observation(city_code, indicator_code, year, value, flags))
    return _parsed("wide-csv", observations, city_column, indicator_column)


def write_long_csv(observations: Iterable[Observation], target: str | IO[str]) -> None:
    """Write observations as a long CSV with columns city, indicator, year, value, flag."""
    with open_output(target) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["city", "indicator", "year", "value", "flag"])
        for obs in observations:
            value = "" if obs.value is None else format_value(obs.value)
            writer.writerow([obs.city_code, obs.indicator_code, obs.year, value, obs.flags])


def write_wide_csv(observations: Iterable[Observation], target: str | IO[str]) -> None:
    """Write observations as a wide CSV (city, indicator, one column per year, oldest first).

    Combinations absent from ``observations`` are written as empty cells.
    """
    grid = {(o.indicator_code, o.city_code, o.year): o for o in observations}
    years = grid_years(grid, newest_first=False)
    with open_output(target) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["city", "indicator", *years])
        for indicator, city in sorted({(ind, city) for ind, city, _ in grid}):
            cells = [_wide_cell(grid.get((indicator, city, year))) for year in years]
            writer.writerow([city, indicator, *cells])


def _wide_cell(observation: Observation | None) -> str:
    return "" if observation is None else format_cell(observation).strip()
