"""Parsers that turn statistical data files into :class:`Observation` records.

Every parser is all-or-nothing: it returns a :class:`ParsedFile` with every
observation of the file, or raises :class:`ObservationFormatError` saying what is
wrong and where (line, column). See ``docs/benchmarking-data.md``.
"""

from .coinr import CoinrData, parse_coinr
from .databrowser import parse_databrowser_csv
from .detect import PARSERS, detect_format, parse_observations
from .dictionaries import (
    CityCodeMapping,
    build_city_code_mapping,
    city_code_system,
    read_dictionary,
)
from .eurostat_tsv import parse_eurostat_tsv, write_eurostat_tsv
from .generic_csv import parse_long_csv, parse_wide_csv, write_long_csv, write_wide_csv
from .model import (
    EUROSTAT_FLAGS,
    IndicatorMeta,
    Observation,
    ObservationFormatError,
    ParsedFile,
)
from .sdmx_csv import parse_sdmx_csv, write_sdmx_csv

__all__ = [
    "EUROSTAT_FLAGS",
    "PARSERS",
    "CityCodeMapping",
    "CoinrData",
    "IndicatorMeta",
    "Observation",
    "ObservationFormatError",
    "ParsedFile",
    "build_city_code_mapping",
    "city_code_system",
    "detect_format",
    "parse_coinr",
    "parse_databrowser_csv",
    "parse_eurostat_tsv",
    "parse_long_csv",
    "parse_observations",
    "parse_sdmx_csv",
    "parse_wide_csv",
    "read_dictionary",
    "write_eurostat_tsv",
    "write_long_csv",
    "write_sdmx_csv",
    "write_wide_csv",
]
