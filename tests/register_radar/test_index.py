"""The incremental check of one saved activity against a prebuilt index."""

from __future__ import annotations

from datetime import date

from citydiplomacy.register.radar import ActivityTable, RadarConfig, RadarIndex, check_one

from .test_overlaps import BEIJING, CHINA, EUROCITIES, SHANGHAI, trip

REGISTER = [
    trip(
        1,
        10,
        date(2019, 5, 1),
        date(2019, 5, 3),
        city=[BEIJING],
        country=[CHINA],
        title="Smart city delegation to Beijing",
    ),
    trip(2, 20, date(2019, 5, 12), city=[SHANGHAI], country=[CHINA], partner=[EUROCITIES]),
    trip(3, 30, date(2019, 9, 1), city=[BEIJING], country=[CHINA]),
    trip(4, 40, date(2018, 1, 1), date(2019, 12, 31), partner=[EUROCITIES], title="Project"),
]


def summary(findings):
    return [(f.kind, f.key_type, f.key_id, f.activity_ids) for f in findings]


def test_a_new_trip_hears_about_overlaps_and_duplicates():
    index = RadarIndex.build(REGISTER)
    new = trip(
        9,
        90,
        date(2019, 5, 2),
        city=[BEIJING],
        country=[CHINA],
        partner=[EUROCITIES],
        title="Smart City delegation to Beijing 2019",
    )
    result = check_one(new, index)
    assert summary(result.overlaps) == [
        ("overlap", "city", BEIJING, (1, 9)),
        ("overlap", "country", CHINA, (1, 2, 9)),  # adds Shanghai to what the city says
        ("overlap", "partner", EUROCITIES, (2, 4, 9)),
    ]
    assert summary(result.duplicates) == [("duplicate", "city", BEIJING, (1, 9))]
    assert result.duplicates[0].unit_ids == (10, 90)
    assert result.findings == [*result.overlaps, *result.duplicates]


def test_a_country_overlap_that_repeats_the_city_overlap_is_dropped():
    index = RadarIndex.build(REGISTER)
    new = trip(9, 90, date(2019, 9, 3), city=[BEIJING], country=[CHINA])
    assert summary(check_one(new, index).overlaps) == [("overlap", "city", BEIJING, (3, 9))]


def test_an_edited_activity_is_not_compared_with_its_old_self():
    index = RadarIndex.build(REGISTER)
    edited = trip(1, 10, date(2019, 5, 2), city=[BEIJING], title="Smart city delegation to Beijing")
    assert check_one(edited, index).findings == []


def test_the_same_unit_and_unknown_keys_give_nothing():
    index = RadarIndex.build(REGISTER)
    own_unit = trip(9, 10, date(2019, 5, 2), city=[BEIJING])
    elsewhere = trip(9, 90, date(2019, 5, 2), city=[12345], partner=[678])
    assert check_one(own_unit, index).overlaps == []
    assert check_one(elsewhere, index).findings == []


def test_the_window_comes_from_the_index_configuration():
    new = trip(9, 90, date(2019, 5, 10), city=[BEIJING])  # 7 days after trip 1 ends
    assert check_one(new, RadarIndex.build(REGISTER)).overlaps
    assert not check_one(new, RadarIndex.build(REGISTER, RadarConfig(window_days=6))).overlaps


def test_an_index_can_be_built_from_a_table_and_from_nothing():
    table = ActivityTable.from_refs(REGISTER)
    assert len(RadarIndex.build(table)) == 4
    empty = RadarIndex.build([])
    assert check_one(trip(1, 10, date(2019, 5, 1), city=[BEIJING]), empty).findings == []
