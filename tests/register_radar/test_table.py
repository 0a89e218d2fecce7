"""The records and the columnar table: construction and validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from citydiplomacy.register.radar import (
    ActivityRef,
    ActivityTable,
    Finding,
    RadarConfig,
    RadarReport,
    day_number,
    scan,
)
from citydiplomacy.register.radar.records import findings_from_columns
from citydiplomacy.register.radar.table import to_dates

from .test_overlaps import BEIJING, CHINA, EUROCITIES, trip


def columns(**overrides):
    values = {
        "ids": [1, 2],
        "unit_ids": [10, 20],
        "starts": [day_number(date(2019, 5, 1))] * 2,
        "ends": [day_number(date(2019, 5, 2))] * 2,
        "titles": ["a", "b"],
        "keys": {"city": ([0, 1, 1], [BEIJING, BEIJING, BEIJING])},
    }
    return {**values, **overrides}


def test_records_round_trip_through_the_table():
    records = [
        trip(
            7,
            10,
            date(2019, 5, 1),
            date(2019, 5, 3),
            city=[BEIJING, 2],
            country=[CHINA],
            partner=[EUROCITIES],
            title="Visit",
            confidential=True,
        ),
        trip(3, 20, date(2019, 6, 1)),
    ]
    table = ActivityTable.from_refs(records)
    assert [table.ref(row) for row in range(len(table))] == records


def test_repeated_keys_of_one_activity_count_once():
    table = ActivityTable.from_arrays(**columns())
    assert table.incidences["city"].rows.tolist() == [0, 1]
    assert len(table.incidences["partner"]) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unit_ids": [10]}, "unit_ids has 1 values for 2 activities"),
        ({"titles": ["a"]}, "titles has 1 values for 2 activities"),
        ({"ids": [1, 1]}, "activity id 1 appears more than once"),
        ({"ends": [0, 0]}, "activity 1: end is before start"),
        ({"keys": {"town": ([], [])}}, "unknown key type"),
        ({"keys": {"city": ([5], [BEIJING])}}, "incidence row out of range"),
        ({"keys": {"city": ([0, 1], [BEIJING])}}, "differ in length"),
    ],
)
def test_bad_columns_are_rejected(overrides, message):
    with pytest.raises(ValueError, match=message):
        ActivityTable.from_arrays(**columns(**overrides))


def test_a_reversed_activity_is_rejected():
    with pytest.raises(ValueError, match="activity 5: end 2019-05-01 is before start"):
        ActivityRef(5, 10, "x", date(2019, 5, 2), date(2019, 5, 1))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"window_days": -1}, "window_days"),
        ({"window_days": 1.5}, "window_days"),
        ({"duplicate_gap_days": -1}, "duplicate_gap_days"),
        ({"duplicate_threshold": 0}, "duplicate_threshold"),
        ({"duplicate_threshold": 1.2}, "duplicate_threshold"),
    ],
)
def test_bad_settings_are_rejected(options, message):
    with pytest.raises(ValueError, match=message):
        RadarConfig(**options)


def test_numpy_columns_are_accepted():
    table = ActivityTable.from_arrays(
        **columns(ids=np.array([5, 6]), confidential=np.array([1, 0]))
    )
    assert table.ids.tolist() == [5, 6] and table.confidential.tolist() == [True, False]


def database_columns(**overrides):
    """What the register's queries give: activity rows and many-to-many link rows."""
    values = {
        "ids": [42, 7],
        "unit_ids": [10, 20],
        "starts": [date(2019, 5, 1), date(2019, 5, 2)],
        "ends": [date(2019, 5, 3), date(2019, 5, 2)],
        "titles": ["Visit", "Visit 2019"],
        "cities": [(7, BEIJING), (42, BEIJING), (42, 2)],
        "countries": [(42, CHINA), (7, CHINA)],
        "partners": [(7, EUROCITIES)],
        "confidential": [False, True],
    }
    return {**values, **overrides}


def test_a_table_from_database_columns_equals_the_one_from_records():
    records = [
        trip(42, 10, date(2019, 5, 1), date(2019, 5, 3), city=[BEIJING, 2], country=[CHINA]),
        trip(
            7,
            20,
            date(2019, 5, 2),
            city=[BEIJING],
            country=[CHINA],
            partner=[EUROCITIES],
            confidential=True,
        ),
    ]
    records = [replace(records[0], title="Visit"), replace(records[1], title="Visit 2019")]
    table = ActivityTable.from_columns(**database_columns())
    assert [table.ref(row) for row in range(len(table))] == records
    assert scan(table) == scan(records)


def test_database_columns_may_be_arrays_and_day_numbers():
    table = ActivityTable.from_columns(
        **database_columns(
            ids=np.array([42, 7]),
            starts=np.array(["2019-05-01", "2019-05-02"], dtype="datetime64[D]"),
            ends=np.array([day_number(date(2019, 5, 3)), day_number(date(2019, 5, 2))]),
            cities=np.array([[7, BEIJING], [42, BEIJING]]),
            partners=[],
            confidential=None,
        )
    )
    assert table.ref(0).start == date(2019, 5, 1) and table.ref(0).end == date(2019, 5, 3)
    assert table.ref(1).city_ids == {BEIJING} and table.ref(1).partner_ids == frozenset()
    assert not table.confidential.any()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cities": [(99, BEIJING)]}, "city link to activity 99, which is not among the ids"),
        ({"partners": [(7, 1, 2)]}, r"partner links must be \(activity id, partner id\) pairs"),
        ({"starts": [None, date(2019, 5, 2)]}, "activity 42: start None is not a date"),
        ({"ends": [date(2019, 4, 1), date(2019, 5, 2)]}, "activity 42: end is before start"),
        ({"ids": [7, 7]}, "activity id 7 appears more than once"),
        ({"titles": ["Visit"]}, "titles has 1 values for 2 activities"),
    ],
)
def test_bad_database_columns_are_rejected(overrides, message):
    with pytest.raises(ValueError, match=message):
        ActivityTable.from_columns(**database_columns(**overrides))


def test_an_empty_register_from_database_columns():
    table = ActivityTable.from_columns(ids=[], unit_ids=[], starts=[], ends=[], titles=[])
    assert len(table) == 0 and scan(table) == RadarReport()
    with pytest.raises(ValueError, match="city link to activity 1"):
        ActivityTable.from_columns(
            ids=[], unit_ids=[], starts=[], ends=[], titles=[], cities=[(1, 2)]
        )


def test_many_day_numbers_become_dates():
    days = np.array([day_number(date(2019, 5, 1)), day_number(date(2019, 4, 30))] * 3)
    assert to_dates(days) == [date(2019, 5, 1), date(2019, 4, 30)] * 3
    far_apart = np.array([1, day_number(date(2019, 5, 1))])
    assert to_dates(far_apart) == [date(1, 1, 1), date(2019, 5, 1)]
    assert to_dates(np.zeros(0, dtype=np.int64)) == []


def test_findings_built_from_columns_equal_constructed_ones():
    day = date(2019, 5, 1)
    expected = [
        Finding("overlap", "city", 1, (1, 2), (10, 20), day, day),
        Finding("duplicate", "partner", 3, (4, 5), (10,), day, day, 0.9, True),
    ]
    columns = [list(values) for values in zip(*expected, strict=True)]
    built = findings_from_columns(*columns)
    assert built == expected and all(type(f) is Finding for f in built)
    assert built[1].similarity == 0.9 and built[1].confidential
    with pytest.raises(ValueError, match="8 columns for 9 finding fields"):
        findings_from_columns(*columns[:8])
