"""Recognising which of the supported formats a file is in, from its first lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from ._text import Source
from .databrowser import parse_databrowser_csv
from .eurostat_tsv import parse_eurostat_tsv
from .generic_csv import parse_long_csv, parse_wide_csv
from .model import ObservationFormatError, ParsedFile
from .sdmx_csv import parse_sdmx_csv

PARSERS: dict[str, Callable[..., ParsedFile]] = {
    "eurostat-tsv": parse_eurostat_tsv,
    "sdmx-csv": parse_sdmx_csv,
    "eurostat-databrowser-csv": parse_databrowser_csv,
    "long-csv": parse_long_csv,
    "wide-csv": parse_wide_csv,
}
_YEAR_COLUMN = re.compile(r'(^|,)\s*"?\d{4}"?\s*(,|$)')


def detect_format(head: str) -> str | None:
    """Guess the format from the first few kilobytes of a file; ``None`` if unsure.

    COINr files come in pairs and are not guessed; use :func:`parse_coinr`.
    """
    lines = [line for line in head.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0].split("\t")[0].lower()
    if "\\time" in first:
        return "eurostat-tsv"
    if "time_period" in lines[0].lower() and "obs_value" in lines[0].lower():
        return "sdmx-csv"
    if any(line.split(",")[0].strip().upper().endswith("/TIME") for line in lines[:30]):
        return "eurostat-databrowser-csv"
    if _YEAR_COLUMN.search(lines[0]):
        return "wide-csv"
    if "year" in lines[0].lower() and "value" in lines[0].lower():
        return "long-csv"
    return None


def parse_observations(source: Source, fmt: str, **options) -> ParsedFile:
    """Parse ``source`` with the parser registered for ``fmt`` (a key of :data:`PARSERS`)."""
    try:
        parser = PARSERS[fmt]
    except KeyError:
        known = ", ".join(PARSERS)
        raise ObservationFormatError(f"unknown format {fmt!r} (known: {known})") from None
    return parser(source, **options)
