"""Property tests: writing then parsing gives the same observations; no input crashes."""

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.benchmarking.observations import (
    Observation,
    ObservationFormatError,
    ParsedFile,
    parse_coinr,
    parse_databrowser_csv,
    parse_eurostat_tsv,
    parse_long_csv,
    parse_sdmx_csv,
    parse_wide_csv,
    read_dictionary,
    write_eurostat_tsv,
    write_long_csv,
    write_sdmx_csv,
    write_wide_csv,
)

CODE = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", min_size=1, max_size=8)
VALUE = st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**9), 10**9)
FLAGS = st.text("bcdefnprsuz", max_size=3)
FAST = settings(max_examples=60, deadline=None)


@st.composite
def observation_grids(draw) -> list[Observation]:
    """Every (city, indicator, year) combination present, as full tables are written."""
    cities = draw(st.lists(CODE, min_size=1, max_size=4, unique=True))
    indicators = draw(st.lists(CODE, min_size=1, max_size=3, unique=True))
    years = draw(st.lists(st.integers(1990, 2030), min_size=1, max_size=4, unique=True))
    return [
        Observation(city, indicator, year, _float(draw(VALUE)), draw(FLAGS))
        for city in cities
        for indicator in indicators
        for year in years
    ]


def _float(value):
    return None if value is None else float(value)


def _key(obs: Observation):
    return (obs.city_code, obs.indicator_code, obs.year)


def _round_trip(observations, write, parse) -> list[Observation]:
    buffer = io.StringIO()
    write(observations, buffer)
    buffer.seek(0)
    return sorted(parse(buffer), key=_key)


@FAST
@given(observation_grids(), st.booleans())
def test_eurostat_tsv_round_trip(observations, newest_first):
    def write(obs, out):
        write_eurostat_tsv(obs, out, newest_first=newest_first)

    assert _round_trip(observations, write, parse_eurostat_tsv) == sorted(observations, key=_key)


@FAST
@given(observation_grids())
def test_sdmx_csv_round_trip(observations):
    assert _round_trip(observations, write_sdmx_csv, parse_sdmx_csv) == sorted(
        observations, key=_key
    )


@FAST
@given(observation_grids())
def test_wide_csv_round_trip(observations):
    assert _round_trip(observations, write_wide_csv, parse_wide_csv) == sorted(
        observations, key=_key
    )


@FAST
@given(observation_grids())
def test_long_csv_round_trip(observations):
    assert _round_trip(observations, write_long_csv, parse_long_csv) == sorted(
        observations, key=_key
    )


# Characters that matter to the formats, so random text gets past the first checks.
TOKENS = [*'\t\n\r ,;:\\"/0123456789.-+eEpbcxAFIT_', "time", "2018", "CITIES", "NA"]
SYNTAX = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
ANY_TEXT = st.text(max_size=200) | SYNTAX
IMETA = "Level,iCode,Direction,Weight,Parent,Type\n1,A,1,1,,Indicator\n"
PARSERS = {
    "tsv": parse_eurostat_tsv,
    "sdmx": parse_sdmx_csv,
    "long": parse_long_csv,
    "wide": parse_wide_csv,
    "browser": parse_databrowser_csv,
    "coinr-data": lambda source: parse_coinr(source, io.StringIO(IMETA)),
    "coinr-meta": lambda source: parse_coinr(io.StringIO("uCode,A\nX,1\n"), source, year=2020),
    "dictionary": read_dictionary,
}


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=80, deadline=None)
@given(content=ANY_TEXT)
def test_arbitrary_text_parses_or_raises_format_error(name, content):
    try:
        result = PARSERS[name](io.StringIO(content))
    except ObservationFormatError:
        return
    assert isinstance(result, ParsedFile | dict) or hasattr(result, "parsed")


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=30, deadline=None)
@given(content=st.binary(max_size=200))
def test_arbitrary_bytes_parse_or_raise_format_error(name, content):
    with contextlib.suppress(ObservationFormatError):
        PARSERS[name](io.BytesIO(content))


@settings(max_examples=60, deadline=None)
@given(
    header=st.sampled_from(["indic_ur,cities\\time", "freq,indic_ur,cities\\TIME_PERIOD"]),
    cells=st.lists(SYNTAX.filter(lambda t: "\n" not in t and "\r" not in t), max_size=4),
)
def test_mutated_tsv_rows_parse_or_raise_format_error(header, cells):
    codes = "A,X,FI" if header.startswith("freq") else "X,FI"
    content = f"{header}\t2018 \t2017 \n{codes}\t" + "\t".join(cells) + "\n"
    try:
        parsed = parse_eurostat_tsv(io.StringIO(content))
    except ObservationFormatError:
        return
    assert parsed.count == 2
