"""Plan measures with no activity in a period."""

from __future__ import annotations

from datetime import date

import pytest

from citydiplomacy.register.radar import ActivityMeasures, measures_without_activity

YEAR_START, YEAR_END = date(2019, 1, 1), date(2019, 12, 31)


def activity(activity_id, measures, start, end=None):
    return ActivityMeasures(activity_id, frozenset(measures), start, end or start)


def idle(measure_ids, activities):
    return measures_without_activity(measure_ids, activities, YEAR_START, YEAR_END)


def test_measures_without_any_activity_in_the_period_are_listed():
    activities = [
        activity(1, [10], date(2019, 3, 1)),
        activity(2, [11, 12], date(2018, 3, 1)),  # the year before: does not count
    ]
    assert idle([10, 11, 12, 13], activities) == [11, 12, 13]


def test_an_activity_counts_for_every_measure_it_carries_out():
    assert idle([10, 11, 12], [activity(1, [10, 12], date(2019, 6, 1))]) == [11]


@pytest.mark.parametrize(
    ("start", "end", "counts"),
    [
        (date(2018, 12, 1), date(2019, 1, 1), True),  # ends on the first day
        (date(2019, 12, 31), date(2020, 1, 5), True),  # starts on the last day
        (date(2018, 12, 1), date(2018, 12, 31), False),  # ends the day before
        (date(2020, 1, 1), date(2020, 1, 2), False),  # starts the day after
        (date(2018, 1, 1), date(2020, 12, 31), True),  # spans the whole period
    ],
)
def test_an_activity_counts_when_it_shares_a_day_with_the_period(start, end, counts):
    assert idle([10], [activity(1, [10], start, end)]) == ([] if counts else [10])


def test_the_order_of_the_measures_is_kept_and_repeats_dropped():
    assert idle([30, 10, 20, 10], []) == [30, 10, 20]


def test_measures_of_other_plans_are_ignored():
    assert idle([10], [activity(1, [99], date(2019, 5, 1))]) == [10]


def test_a_reversed_period_is_an_error():
    with pytest.raises(ValueError, match="before it starts"):
        measures_without_activity([10], [], YEAR_END, YEAR_START)
