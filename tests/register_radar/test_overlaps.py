"""Overlap findings on small hand-made registers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from citydiplomacy.register.radar import ActivityRef, ActivityTable, RadarConfig, find_overlaps

BEIJING, SHANGHAI, CHINA, EUROCITIES = 1, 2, 86, 500


def trip(activity_id, unit_id, start, end=None, *, city=(), country=(), partner=(), **extra):
    return ActivityRef(
        id=activity_id,
        unit_id=unit_id,
        title=extra.pop("title", f"Trip {activity_id}"),
        start=start,
        end=end or start,
        city_ids=frozenset(city),
        country_ids=frozenset(country),
        partner_ids=frozenset(partner),
        **extra,
    )


def overlaps(*activities, **config):
    return find_overlaps(ActivityTable.from_refs(activities), RadarConfig(**config))


def summary(findings):
    return [(f.key_type, f.key_id, f.activity_ids) for f in findings]


def test_two_units_in_the_same_city_in_the_same_week_overlap():
    found = overlaps(
        trip(1, 10, date(2019, 5, 6), date(2019, 5, 8), city=[BEIJING]),
        trip(2, 20, date(2019, 5, 10), city=[BEIJING]),
    )
    [finding] = found
    assert finding.kind == "overlap"
    assert (finding.key_type, finding.key_id) == ("city", BEIJING)
    assert finding.activity_ids == (1, 2)
    assert finding.unit_ids == (10, 20)
    assert (finding.start, finding.end) == (date(2019, 5, 6), date(2019, 5, 10))
    assert finding.similarity is None


def test_the_same_unit_twice_is_not_an_overlap():
    found = overlaps(
        trip(1, 10, date(2019, 5, 6), city=[BEIJING]),
        trip(2, 10, date(2019, 5, 7), city=[BEIJING]),
    )
    assert found == []


def test_different_cities_do_not_overlap():
    found = overlaps(
        trip(1, 10, date(2019, 5, 6), city=[BEIJING]),
        trip(2, 20, date(2019, 5, 6), city=[SHANGHAI]),
    )
    assert found == []


@pytest.mark.parametrize(
    ("second_start", "expected"),
    [
        (date(2019, 5, 15), [("city", BEIJING, (1, 2))]),  # 14 days after the end: counts
        (date(2019, 5, 16), []),  # 15 days: does not
    ],
)
def test_the_window_edge_is_fourteen_days(second_start, expected):
    found = overlaps(
        trip(1, 10, date(2019, 4, 28), date(2019, 5, 1), city=[BEIJING]),
        trip(2, 20, second_start, second_start + timedelta(days=3), city=[BEIJING]),
    )
    assert summary(found) == expected


def test_the_window_edge_holds_in_both_directions():
    later_first = overlaps(
        trip(1, 10, date(2019, 5, 15), city=[BEIJING]),
        trip(2, 20, date(2019, 4, 28), date(2019, 5, 1), city=[BEIJING]),
    )
    assert summary(later_first) == [("city", BEIJING, (1, 2))]


@pytest.mark.parametrize(
    ("window", "days_apart", "overlap"),
    [(0, 0, True), (0, 1, False), (3, 3, True), (3, 4, False)],
)
def test_the_window_is_configurable(window, days_apart, overlap):
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING]),
        trip(2, 20, date(2019, 5, 1) + timedelta(days=days_apart), city=[BEIJING]),
        window_days=window,
    )
    assert bool(found) is overlap


def test_a_long_project_overlaps_a_short_trip_inside_it():
    found = overlaps(
        trip(1, 10, date(2019, 1, 1), date(2019, 12, 31), partner=[EUROCITIES]),
        trip(2, 20, date(2019, 6, 1), partner=[EUROCITIES]),
        trip(3, 30, date(2020, 2, 1), partner=[EUROCITIES]),
    )
    assert summary(found) == [("partner", EUROCITIES, (1, 2))]


def test_a_run_of_overlaps_is_one_finding():
    # 1 and 3 are 22 days apart, but 2 overlaps both: one run, one finding.
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING]),
        trip(2, 20, date(2019, 5, 11), city=[BEIJING]),
        trip(3, 10, date(2019, 5, 23), city=[BEIJING]),
    )
    assert summary(found) == [("city", BEIJING, (1, 2, 3))]


def test_an_activity_near_only_its_own_unit_stays_out_of_the_run():
    # 1 is within the window of 2 only, and 2 is the same unit: 1 overlaps nothing.
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING]),
        trip(2, 10, date(2019, 5, 11), city=[BEIJING]),
        trip(3, 20, date(2019, 5, 23), city=[BEIJING]),
    )
    assert summary(found) == [("city", BEIJING, (2, 3))]


def test_separate_runs_on_one_key_are_separate_findings_in_date_order():
    found = overlaps(
        trip(4, 20, date(2019, 9, 2), city=[BEIJING]),
        trip(3, 10, date(2019, 9, 1), city=[BEIJING]),
        trip(2, 20, date(2019, 5, 2), city=[BEIJING]),
        trip(1, 10, date(2019, 5, 1), city=[BEIJING]),
    )
    assert summary(found) == [("city", BEIJING, (1, 2)), ("city", BEIJING, (3, 4))]


def test_every_shared_key_gives_its_own_finding():
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING, SHANGHAI], partner=[EUROCITIES]),
        trip(2, 20, date(2019, 5, 2), city=[SHANGHAI, BEIJING], partner=[EUROCITIES]),
        trip(3, 30, date(2019, 5, 3), city=[SHANGHAI]),
    )
    assert summary(found) == [
        ("city", BEIJING, (1, 2)),
        ("city", SHANGHAI, (1, 2, 3)),
        ("partner", EUROCITIES, (1, 2)),
    ]


def test_a_country_finding_that_repeats_a_city_finding_is_dropped():
    beijing_trips = [
        trip(1, 10, date(2019, 5, 1), city=[BEIJING], country=[CHINA]),
        trip(2, 20, date(2019, 5, 3), city=[BEIJING], country=[CHINA]),
    ]
    assert summary(overlaps(*beijing_trips)) == [("city", BEIJING, (1, 2))]
    unsuppressed = overlaps(*beijing_trips, suppress_country_repeats=False)
    assert summary(unsuppressed) == [("city", BEIJING, (1, 2)), ("country", CHINA, (1, 2))]


def test_a_country_finding_that_adds_something_is_kept():
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING], country=[CHINA]),
        trip(2, 20, date(2019, 5, 3), city=[BEIJING], country=[CHINA]),
        trip(3, 30, date(2019, 5, 4), city=[SHANGHAI], country=[CHINA]),
    )
    assert summary(found) == [("city", BEIJING, (1, 2)), ("country", CHINA, (1, 2, 3))]


def test_confidential_activities_mark_the_finding():
    found = overlaps(
        trip(1, 10, date(2019, 5, 1), city=[BEIJING], confidential=True),
        trip(2, 20, date(2019, 5, 1), city=[BEIJING]),
        trip(3, 10, date(2019, 8, 1), city=[BEIJING]),
        trip(4, 20, date(2019, 8, 1), city=[BEIJING]),
    )
    assert [f.confidential for f in found] == [True, False]


def test_an_empty_register_has_no_findings():
    assert overlaps() == []
