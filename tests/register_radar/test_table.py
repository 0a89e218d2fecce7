"""The records and the columnar table: construction and validation."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from citydiplomacy.register.radar import ActivityRef, ActivityTable, RadarConfig, day_number

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
