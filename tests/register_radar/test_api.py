"""The public API the register app calls keeps its shape."""

from __future__ import annotations

import inspect

from citydiplomacy.register import radar
from citydiplomacy.register.radar import (
    ActivityRef,
    ActivityTable,
    Finding,
    RadarConfig,
    RadarIndex,
    check_one,
    measures_without_activity,
    scan,
)


def parameters(function) -> list[str]:
    return [
        f"{p.kind.name}:{p.name}" + ("" if p.default is p.empty else "=")
        for p in inspect.signature(function).parameters.values()
    ]


def test_calls_keep_their_parameters():
    assert parameters(scan) == [
        "POSITIONAL_OR_KEYWORD:activities",
        "POSITIONAL_OR_KEYWORD:config=",
        "POSITIONAL_OR_KEYWORD:sketches=",
    ]
    assert parameters(RadarIndex.build) == [
        "POSITIONAL_OR_KEYWORD:activities",
        "POSITIONAL_OR_KEYWORD:config=",
    ]
    assert parameters(check_one) == [
        "POSITIONAL_OR_KEYWORD:new_activity",
        "POSITIONAL_OR_KEYWORD:index",
    ]
    assert parameters(measures_without_activity) == [
        "POSITIONAL_OR_KEYWORD:measure_ids",
        "POSITIONAL_OR_KEYWORD:activities",
        "POSITIONAL_OR_KEYWORD:period_start",
        "POSITIONAL_OR_KEYWORD:period_end",
    ]
    assert parameters(ActivityTable.from_arrays) == [
        f"KEYWORD_ONLY:{name}"
        for name in ("ids", "unit_ids", "starts", "ends", "titles", "keys", "confidential=")
    ]
    assert parameters(ActivityTable.from_columns) == [
        f"KEYWORD_ONLY:{name}"
        for name in (
            "ids",
            "unit_ids",
            "starts",
            "ends",
            "titles",
            "cities=",
            "countries=",
            "partners=",
            "confidential=",
        )
    ]


def test_records_keep_their_fields():
    assert list(ActivityRef.__dataclass_fields__) == [
        "id",
        "unit_id",
        "title",
        "start",
        "end",
        "city_ids",
        "country_ids",
        "partner_ids",
        "confidential",
    ]
    assert Finding._fields == (
        "kind",
        "key_type",
        "key_id",
        "activity_ids",
        "unit_ids",
        "start",
        "end",
        "similarity",
        "confidential",
    )
    assert list(RadarConfig.__dataclass_fields__) == [
        "window_days",
        "duplicate_threshold",
        "duplicate_gap_days",
        "suppress_country_repeats",
    ]
    assert RadarConfig() == RadarConfig(14, 0.8, 0, True)


def test_the_package_exports_what_the_docs_list():
    for name in (
        "ActivityRef",
        "ActivityTable",
        "RadarConfig",
        "Finding",
        "RadarReport",
        "scan",
        "find_overlaps",
        "find_duplicates",
        "RadarIndex",
        "check_one",
        "ActivityMeasures",
        "measures_without_activity",
        "similarity",
        "normalise_title",
        "trigrams",
        "sketch_titles",
        "day_number",
        "to_date",
        "KEY_TYPES",
    ):
        assert name in radar.__all__, name
