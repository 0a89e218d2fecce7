"""The legacy Eurostat data-browser ("data explorer") CSV export.

Layout, as in ``urb_cpop1_databrowser_2018.csv``::

    Population on 1 January ... [urb_cpop1],,,        <- title with the dataset code
    Last update,21.06.18,,,                           <- metadata lines
    INDIC_UR,"Population on the 1st of January, total",,,
    CITIES/TIME,2008,2009,...,2017                    <- header
    Helsinki / Helsingfors,"576,632",...,:            <- names (not codes), thousands commas
    ,,,                                               <- a blank line ends the table
    Special value:,,,                                 <- footer

Cities are identified by their printed *names*. Eurostat prints a greater city under
the plain city name when its dictionary label has no "(greater city)" suffix, always
on the line right after the city (e.g. two "Madrid" lines: 3.2 and 4.9 million); such
a repeated name is read as ``"<name> (greater city)"`` and the renaming is noted.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping

from ._text import Source, decoding_errors, is_blank, open_text, parse_number, parse_year
from ._text import check_flags as _check_flags
from ._text import strip_bom as _strip_bom
from .model import Observation, ObservationFormatError, ParsedFile

FORMAT = "eurostat-databrowser-csv"
_DATASET = re.compile(r"\[(\w+)\]\s*$")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_FOOTERS = ("special value", "available flags")
GREATER_CITY = " (greater city)"


def parse_databrowser_csv(
    source: Source,
    *,
    indicator_code: str | None = None,
    indicator_labels: Mapping[str, str] | None = None,
) -> ParsedFile:
    """Read a legacy data-browser CSV export, or raise ObservationFormatError.

    The indicator code is ``indicator_code`` if given; else the code whose label in
    ``indicator_labels`` (e.g. ``read_dictionary("indic_ur.dic")``) equals the file's
    ``INDIC_UR`` line; else that label itself. City codes are the printed names.
    """
    with open_text(source, newline="") as stream, decoding_errors():
        reader = csv.reader(stream)
        metadata, header_line, years = _read_preamble(reader)
        label = metadata.get("indic_ur")
        code = indicator_code or _indicator_code(label, indicator_labels, header_line)
        observations, notes = _read_table(reader, code, years)
    notes = [f"{key}: {value}" for key, value in metadata.items() if key != "title"] + notes
    return ParsedFile(
        format=FORMAT,
        observations=tuple(observations),
        dimensions={
            "cities": tuple(dict.fromkeys(o.city_code for o in observations)),
            "indic_ur": (code,),
        },
        city_dimension="cities",
        indicator_dimensions=("indic_ur",),
        dataset=_dataset_code(metadata.get("title", "")),
        notes=tuple(notes),
    )


def _read_preamble(reader) -> tuple[dict[str, str], int, list[int]]:
    """Read the lines before and including ``CITIES/TIME,year,...``."""
    metadata: dict[str, str] = {}
    for fields in reader:
        if is_blank(fields):
            continue
        first = _strip_bom(fields[0]).strip()
        if first.upper().endswith("/TIME"):
            return metadata, reader.line_num, _years(fields[1:], reader.line_num)
        if not metadata:
            metadata["title"] = first
        elif len(fields) > 1 and first:
            metadata[first.lower()] = fields[1].strip()
    raise ObservationFormatError("broken header: no 'CITIES/TIME' line")


def _years(fields: list[str], line: int) -> list[int]:
    years = []
    for column, text in enumerate(fields, start=2):
        try:
            years.append(parse_year(text))
        except ValueError as exc:
            raise ObservationFormatError(
                f"broken header: {exc}", line=line, column=str(column)
            ) from None
    if not years or len(set(years)) != len(years):
        raise ObservationFormatError("broken header: years missing or repeated", line=line)
    return years


def _indicator_code(label: str | None, labels: Mapping[str, str] | None, line: int) -> str:
    if not label:
        raise ObservationFormatError(
            "no INDIC_UR line before the table; name the indicator (indicator_code)", line=line
        )
    if labels is None:
        return label
    matches = [code for code, text in labels.items() if text.strip() == label]
    if len(matches) != 1:
        raise ObservationFormatError(
            f"indicator label {label!r} matches {len(matches)} dictionary codes, not one",
            line=line,
        )
    return matches[0]


def _read_table(reader, indicator: str, years: list[int]) -> tuple[list[Observation], list]:
    observations: list[Observation] = []
    first_line: dict[str, int] = {}
    renamed: list[str] = []
    previous = None
    for fields in reader:
        if is_blank(fields):
            _read_footer(reader)
            break
        line = reader.line_num
        if len(fields) != len(years) + 1:
            raise ObservationFormatError(
                f"expected {len(years) + 1} columns, found {len(fields)}", line=line
            )
        name = fields[0].strip()
        if name == previous:
            name += GREATER_CITY
            renamed.append(f"{previous} (line {line})")
        if name in first_line:
            raise ObservationFormatError(
                f"duplicate: {name!r} already on line {first_line[name]}", line=line
            )
        first_line[name] = line
        previous = fields[0].strip()
        for year, text in zip(years, fields[1:], strict=True):
            value, flags = _cell(text, line, year)
            observations.append(Observation(name, indicator, year, value, flags))
    notes = [f"repeated name read as greater city: {', '.join(renamed)}"] if renamed else []
    return observations, notes


def _read_footer(reader) -> None:
    """Allow only blank lines and Eurostat's footnote sections after the table."""
    for fields in reader:
        if is_blank(fields):
            continue
        if fields[0].strip().lower().startswith(_FOOTERS):
            return  # the footnotes explain symbols; nothing after them is data
        raise ObservationFormatError(
            "unexpected line after the blank line that ends the table", line=reader.line_num
        )


def _cell(text: str, line: int, year: int) -> tuple[float | None, str]:
    value_text, _, flag_text = text.strip().partition(" ")
    try:
        flags = _check_flags(flag_text.strip())
        if value_text == ":":
            return None, flags
        if _THOUSANDS.fullmatch(value_text):
            value_text = value_text.replace(",", "")
        return parse_number(value_text), flags
    except ValueError as exc:
        raise ObservationFormatError(str(exc), line=line, column=str(year)) from None


def _dataset_code(title: str) -> str | None:
    match = _DATASET.search(title)
    return match.group(1) if match else None
