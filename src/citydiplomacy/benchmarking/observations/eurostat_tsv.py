"""Eurostat bulk-download TSV: ``indic_ur,cities\\time<TAB>2018 <TAB>2017 ...``.

One row per combination of dimension codes, one column per year; each cell is
``value[ flags]`` with ``:`` for "not available". Both the classic layout
(``...\\time``, newest year first) and the current API layout
(``freq,...\\TIME_PERIOD``, oldest first) are read by the same code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import IO

from ._dimensions import DimensionRoles, distinct_codes, resolve_roles
from ._text import Source, check_unique_names, decoding_errors, open_text, parse_cell, parse_year
from ._text import strip_bom as _strip_bom
from .model import Observation, ObservationFormatError, ParsedFile
from .writing import format_cell, grid_years, open_output

FORMAT = "eurostat-tsv"
_DIMENSION_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_TIME_AXES = ("time", "time_period")

# One parsed table row: (line number, dimension codes, [(value, flags) per year]).
_Row = tuple[int, tuple[str, ...], list[tuple[float | None, str]]]


def parse_eurostat_tsv(
    source: Source,
    *,
    city_dimension: str | None = None,
    indicator_dimensions: Sequence[str] | None = None,
    indicator_code: str | None = None,
) -> ParsedFile:
    """Read a Eurostat bulk TSV file into observations, or raise ObservationFormatError.

    The city is the ``cities``/``geo``/``metroreg`` dimension (or ``city_dimension``);
    the indicator code joins the ``indic_*`` dimension with any other dimension that
    varies in the file (or exactly ``indicator_dimensions``). ``indicator_code`` names
    the indicator of a file whose header has no indicator dimension.
    """
    with open_text(source) as stream, decoding_errors():
        lines = enumerate(stream, start=1)
        names, years = _read_header(lines)
        rows = [_read_row(number, line, len(names), years) for number, line in _content(lines)]
    codes = distinct_codes(names, [key for _, key, _ in rows])
    roles = resolve_roles(
        names,
        codes,
        city_dimension=city_dimension,
        indicator_dimensions=indicator_dimensions,
        indicator_code=indicator_code,
        line=1,
    )
    return ParsedFile(
        format=FORMAT,
        observations=tuple(_observations(rows, roles, years)),
        dimensions=codes,
        city_dimension=roles.city_name,
        indicator_dimensions=roles.indicator_names,
    )


def _content(lines: Iterable[tuple[int, str]]) -> Iterable[tuple[int, str]]:
    """Skip blank lines, keeping the original line numbers."""
    return ((number, line) for number, line in lines if line.strip())


def _read_header(lines: Iterable[tuple[int, str]]) -> tuple[list[str], list[int]]:
    """Parse ``dim1,dim2,geo\\time<TAB>year...`` into dimension names and years."""
    first = next(iter(_content(lines)), None)
    if first is None:
        raise ObservationFormatError("the file is empty")
    number, line = first
    fields = _strip_bom(line.rstrip("\r\n")).split("\t")
    names = _dimension_names(fields[0], number)
    years = []
    for column, text in enumerate(fields[1:], start=2):
        try:
            years.append(parse_year(text))
        except ValueError as exc:
            raise ObservationFormatError(
                f"broken header: {exc}", line=number, column=str(column)
            ) from None
    if not years:
        raise ObservationFormatError("broken header: no year columns", line=number)
    check_unique_names([str(year) for year in years], line=number)
    return names, years


def _dimension_names(spec: str, line: int) -> list[str]:
    dimensions, backslash, axis = spec.rpartition("\\")
    if not backslash or axis.strip().lower() not in _TIME_AXES:
        raise ObservationFormatError(
            f"broken header: expected e.g. 'indic_ur,cities\\time' before the years, got {spec!r}",
            line=line,
        )
    names = [name.strip() for name in dimensions.split(",")]
    for name in names:
        if not _DIMENSION_NAME.fullmatch(name):
            raise ObservationFormatError(
                f"broken header: {name!r} is not a dimension name", line=line
            )
    check_unique_names(names, line=line)
    return names


def _read_row(number: int, line: str, dimension_count: int, years: list[int]) -> _Row:
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) != len(years) + 1:
        raise ObservationFormatError(
            f"expected {len(years)} year values after the codes, found {len(fields) - 1}",
            line=number,
        )
    key = tuple(code.strip() for code in fields[0].split(","))
    if len(key) != dimension_count or not all(key):
        raise ObservationFormatError(
            f"{fields[0]!r} does not give {dimension_count} comma-separated codes", line=number
        )
    cells = []
    for year, cell in zip(years, fields[1:], strict=True):
        if cell == ": " or cell == ":":  # the most common cell; skip the general parser
            cells.append((None, ""))
            continue
        try:
            cells.append(parse_cell(cell))
        except ValueError as exc:
            raise ObservationFormatError(str(exc), line=number, column=str(year)) from None
    return number, key, cells


def _observations(rows: list[_Row], roles: DimensionRoles, years: list[int]):
    first_line: dict[tuple[str, str], int] = {}
    for number, key, cells in rows:
        city = key[roles.city]
        indicator = roles.indicator_code(key)
        seen = first_line.setdefault((city, indicator), number)
        if seen != number:
            raise ObservationFormatError(
                f"duplicate row: city {city}, indicator {indicator} already on line {seen}",
                line=number,
            )
        for year, (value, flags) in zip(years, cells, strict=True):
            yield Observation(city, indicator, year, value, flags)


def write_eurostat_tsv(
    observations: Iterable[Observation],
    target: str | IO[str],
    *,
    dimensions: tuple[str, str] = ("indic_ur", "cities"),
    newest_first: bool = True,
) -> None:
    """Write observations as a classic Eurostat bulk TSV (missing combinations as ``:``)."""
    grid = {(o.indicator_code, o.city_code, o.year): o for o in observations}
    years = grid_years(grid, newest_first=newest_first)
    keys = sorted({(indicator, city) for indicator, city, _ in grid})
    for indicator, city in keys:
        if any(char in code for code in (indicator, city) for char in ",\t\\\r\n"):
            raise ValueError(f"code {indicator!r}/{city!r} cannot be written to a TSV row key")
    with open_output(target) as out:
        header = f"{dimensions[0]},{dimensions[1]}\\time"
        out.write("\t".join([header, *(f"{year} " for year in years)]) + "\n")
        for indicator, city in keys:
            cells = (format_cell(grid.get((indicator, city, year))) for year in years)
            out.write("\t".join([f"{indicator},{city}", *cells]) + "\n")
