"""Eurostat SDMX-CSV: one observation per line.

``DATAFLOW,LAST UPDATE,freq,indic_ur,cities,TIME_PERIOD,OBS_VALUE,OBS_FLAG``. Every
column that is not one of SDMX's fixed columns is a dimension, so tables with more
or fewer dimensions are read the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO

from ._dimensions import DimensionRoles, distinct_codes, resolve_roles
from ._text import (
    Source,
    check_flags,
    check_unique_names,
    decoding_errors,
    is_blank,
    open_text,
    parse_number,
    parse_year,
    strip_bom,
)
from .model import Observation, ObservationFormatError, ParsedFile
from .writing import format_value, open_output

FORMAT = "sdmx-csv"
TIME, VALUE, FLAG = "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"
# Columns of SDMX-CSV 1.0 and 2.0 that describe the file or the value, not a dimension.
_NOT_DIMENSIONS = {
    "DATAFLOW",
    "LAST UPDATE",
    "STRUCTURE",
    "STRUCTURE_ID",
    "STRUCTURE_NAME",
    "ACTION",
    "CONF_STATUS",
    "OBS_STATUS",
    TIME,
    VALUE,
    FLAG,
}
_MISSING = ("", ":")

# (line number, dimension codes, year, value, flags)
_Row = tuple[int, tuple[str, ...], int, float | None, str]


def parse_sdmx_csv(
    source: Source,
    *,
    city_dimension: str | None = None,
    indicator_dimensions: Sequence[str] | None = None,
    indicator_code: str | None = None,
) -> ParsedFile:
    """Read a Eurostat SDMX-CSV file into observations, or raise ObservationFormatError.

    The dimension options work as in :func:`parse_eurostat_tsv`. Empty or ``:``
    ``OBS_VALUE`` cells are missing values; ``OBS_FLAG`` must hold Eurostat flags.
    """
    with open_text(source, newline="") as stream, decoding_errors():
        reader = csv.reader(stream)
        header = _read_header(reader)
        read_row = _RowReader(header)
        rows = [read_row(reader.line_num, fields) for fields in reader if not is_blank(fields)]
    names = header.dimension_names
    codes = distinct_codes(names, list(read_row.keys))
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
        observations=tuple(_observations(rows, roles)),
        dimensions=codes,
        city_dimension=roles.city_name,
        indicator_dimensions=roles.indicator_names,
        dataset=read_row.dataflow,
    )


def _observations(rows: list[_Row], roles: DimensionRoles) -> list[Observation]:
    # Many lines share a key, so each key's city and indicator codes are built once.
    codes_of = {}
    first_line: dict[tuple[str, str, int], int] = {}
    observations = []
    for number, key, year, value, flags in rows:
        city_indicator = codes_of.get(key)
        if city_indicator is None:
            city_indicator = codes_of[key] = (key[roles.city], roles.indicator_code(key))
        city, indicator = city_indicator
        seen = first_line.setdefault((city, indicator, year), number)
        if seen != number:
            raise ObservationFormatError(
                f"duplicate: city {city}, indicator {indicator}, year {year} "
                f"already on line {seen}",
                line=number,
            )
        observations.append(Observation(city, indicator, year, value, flags))
    return observations


class _Header:
    """Column positions found in the header line."""

    def __init__(self, names: list[str], line: int):
        upper = [name.upper() for name in names]
        for required in (TIME, VALUE):
            if required not in upper:
                raise ObservationFormatError(
                    f"broken header: no {required} column (found {', '.join(names)})", line=line
                )
        self.names = names
        self.width = len(names)
        self.time = upper.index(TIME)
        self.value = upper.index(VALUE)
        self.flag = upper.index(FLAG) if FLAG in upper else None
        self.dataflow = upper.index("DATAFLOW") if "DATAFLOW" in upper else None
        self.dimensions = [i for i, name in enumerate(upper) if name not in _NOT_DIMENSIONS]
        self.dimension_names = [names[i] for i in self.dimensions]
        if not self.dimensions:
            raise ObservationFormatError("broken header: no dimension columns", line=line)


def _read_header(reader) -> _Header:
    for fields in reader:
        if not is_blank(fields):
            names = [strip_bom(name).strip() for name in fields]
            check_unique_names(names, line=reader.line_num)
            return _Header(names, reader.line_num)
    raise ObservationFormatError("the file is empty")


class _RowReader:
    """Parses data lines; remembers the distinct keys and the first DATAFLOW value."""

    def __init__(self, header: _Header):
        self.header = header
        self.keys: dict[tuple[str, ...], None] = {}
        self.years: dict[str, int] = {}  # a file has few distinct periods
        self.dataflow: str | None = None

    def __call__(self, number: int, fields: list[str]) -> _Row:
        header = self.header
        if len(fields) != header.width:
            raise ObservationFormatError(
                f"expected {header.width} columns, found {len(fields)}", line=number
            )
        key = tuple(map(str.strip, (fields[i] for i in header.dimensions)))
        if key not in self.keys:
            self._new_key(key, fields, number)
        year = self.years.get(fields[header.time]) or self._year(fields[header.time], number)
        value = _value(fields[header.value].strip(), number)
        flags = "" if header.flag is None else _flags(fields[header.flag].strip(), number)
        return number, key, year, value, flags

    def _new_key(self, key: tuple[str, ...], fields: list[str], number: int) -> None:
        for position, code in zip(self.header.dimensions, key, strict=True):
            if not code:
                raise ObservationFormatError(
                    "empty code", line=number, column=self.header.names[position]
                )
        if self.dataflow is None and self.header.dataflow is not None:
            self.dataflow = fields[self.header.dataflow].strip() or None
        self.keys[key] = None

    def _year(self, text: str, number: int) -> int:
        try:
            self.years[text] = parse_year(text)
        except ValueError as exc:
            raise ObservationFormatError(str(exc), line=number, column=TIME) from None
        return self.years[text]


def _value(text: str, number: int) -> float | None:
    if text in _MISSING:
        return None
    if text.isascii() and text.isdigit() and len(text) < 300:  # fast path for whole numbers
        return float(text)
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=number, column=VALUE) from None


def _flags(text: str, number: int) -> str:
    try:
        return check_flags(text)
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=number, column=FLAG) from None


def write_sdmx_csv(
    observations: Iterable[Observation],
    target: str | IO[str],
    *,
    dataflow: str = "ESTAT:URB_CTOUR(1.0)",
    indicator_dimension: str = "indic_ur",
    city_dimension: str = "cities",
) -> None:
    """Write observations as Eurostat SDMX-CSV 1.0 (annual frequency)."""
    with open_output(target) as out:
        writer = csv.writer(out, lineterminator="\n")
        dimensions = ["freq", indicator_dimension, city_dimension]
        writer.writerow(["DATAFLOW", "LAST UPDATE", *dimensions, TIME, VALUE, FLAG])
        for obs in observations:
            value = "" if obs.value is None else format_value(obs.value)
            row = [dataflow, "", "A", obs.indicator_code, obs.city_code, obs.year, value, obs.flags]
            writer.writerow(row)
