"""Duplicate registrations on small hand-made registers."""

from __future__ import annotations

from datetime import date

import pytest

from citydiplomacy.register.radar import ActivityTable, RadarConfig, find_duplicates

from .test_overlaps import BEIJING, EUROCITIES, SHANGHAI, trip

MAY_6, MAY_7, MAY_8, MAY_9 = (date(2019, 5, day) for day in (6, 7, 8, 9))


def duplicates(*activities, **config):
    return find_duplicates(ActivityTable.from_refs(activities), RadarConfig(**config))


def pair(first_title, second_title, **keys):
    keys = keys or {"city": [BEIJING]}
    return (
        trip(1, 10, MAY_6, MAY_8, title=first_title, **keys),
        trip(2, 20, MAY_7, MAY_9, title=second_title, **keys),
    )


def test_the_same_delegation_registered_twice_is_found():
    found = duplicates(
        *pair("Smart city delegation to Beijing", "Smart City delegation to Beijing 2019")
    )
    [finding] = found
    assert finding.kind == "duplicate"
    assert (finding.key_type, finding.key_id) == ("city", BEIJING)
    assert finding.activity_ids == (1, 2)
    assert finding.unit_ids == (10, 20)
    assert (finding.start, finding.end) == (MAY_6, MAY_9)
    assert finding.similarity == pytest.approx(1.0)


def test_a_translated_title_is_not_taken_for_a_duplicate():
    assert (
        duplicates(*pair("Delegation to Beijing – smart city", "Delegaatio Pekingiin: smart city"))
        == []
    )


def test_unrelated_titles_are_not_duplicates():
    assert duplicates(*pair("Climate forum", "Mobility workshop")) == []


def test_duplicates_within_one_unit_are_found_too():
    first = trip(1, 10, MAY_6, title="Eurocities annual meeting", city=[BEIJING])
    second = trip(2, 10, MAY_6, title="Eurocities Annual Meeting", city=[BEIJING])
    assert [f.unit_ids for f in duplicates(first, second)] == [(10,)]


def test_a_shared_partner_is_enough():
    found = duplicates(
        *pair("Eurocities annual meeting", "Eurocities annual meeting", partner=[EUROCITIES])
    )
    assert [(f.key_type, f.key_id) for f in found] == [("partner", EUROCITIES)]


def test_without_a_shared_city_or_partner_there_is_no_duplicate():
    first = trip(1, 10, MAY_6, title="Eurocities annual meeting", city=[BEIJING])
    second = trip(2, 20, MAY_6, title="Eurocities annual meeting", city=[SHANGHAI])
    assert duplicates(first, second) == []


def test_a_pair_sharing_a_city_and_a_partner_is_reported_once_under_the_city():
    keys = {"city": [SHANGHAI, BEIJING], "partner": [EUROCITIES]}
    found = duplicates(*pair("Eurocities annual meeting", "Eurocities annual meeting", **keys))
    assert [(f.key_type, f.key_id) for f in found] == [("city", BEIJING)]


@pytest.mark.parametrize(("gap_days", "found"), [(0, False), (1, True)])
def test_dates_must_meet_unless_a_gap_is_allowed(gap_days, found):
    first = trip(1, 10, MAY_6, title="Eurocities annual meeting", city=[BEIJING])
    second = trip(2, 20, MAY_7, title="Eurocities annual meeting", city=[BEIJING])
    assert bool(duplicates(first, second, duplicate_gap_days=gap_days)) is found


@pytest.mark.parametrize(("threshold", "found"), [(0.8, False), (0.6, True)])
def test_the_similarity_threshold_is_configurable(threshold, found):
    titles = ("Smart city delegation to Beijing", "Smart city delegation to Shanghai")
    assert bool(duplicates(*pair(*titles), duplicate_threshold=threshold)) is found


def test_a_record_entered_three_times_gives_three_pairs():
    copies = [trip(i, 10 * i, MAY_6, title="Climate forum", city=[BEIJING]) for i in (1, 2, 3)]
    assert [f.activity_ids for f in duplicates(*copies)] == [(1, 2), (1, 3), (2, 3)]


def test_a_confidential_copy_marks_the_finding():
    first = trip(1, 10, MAY_6, title="Climate forum", city=[BEIJING], confidential=True)
    second = trip(2, 20, MAY_6, title="Climate forum", city=[BEIJING])
    assert [f.confidential for f in duplicates(first, second)] == [True]


def test_blank_titles_are_not_duplicates_of_each_other():
    assert duplicates(*pair("", "  ")) == []
