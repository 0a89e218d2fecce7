"""The pure alignment module: shares add up, drift is zero when activity follows the plan's
priorities exactly, empty quarters have no shares, and each rule of the page holds."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.register import alignment as al

THEMES = [al.ThemePriority(1, "Climate", 1), al.ThemePriority(2, "Digital", 2)]
OBJECTIVES = [al.ObjectiveTarget(10, "Talent"), al.ObjectiveTarget(11, "Visibility")]
PLACES = [
    al.PlacePriority("city:100", "Tallinn", 1, "city", 100, frozenset({"EE"})),
    al.PlacePriority("country:CN", "China", 2, "country", None, frozenset({"CN"})),
    al.PlacePriority("region:nordics", "Nordics", 1, "region", None, frozenset({"SE", "NO"})),
    al.PlacePriority("region:eu", "EU", 3, "region", None, frozenset({"SE", "EE", "DE"})),
]
PRIORITIES = al.Priorities(THEMES, OBJECTIVES, PLACES)
QUARTERS = ["2024-Q1", "2024-Q2", "2024-Q3"]

destinations = st.builds(
    al.Destination,
    country=st.sampled_from(["EE", "CN", "SE", "NO", "DE", "US"]),
    city=st.one_of(st.none(), st.sampled_from([100, 200])),
)
rows = st.builds(
    al.Row,
    quarter=st.sampled_from(QUARTERS),
    themes=st.frozensets(st.integers(0, 4), max_size=3),
    objectives=st.frozensets(st.integers(9, 12), max_size=3),
    destinations=st.frozensets(destinations, max_size=3),
    # Euros with cents and whole person-days, as the register holds them.
    cost=st.integers(0, 10**8).map(lambda cents: cents / 100),
    senior_days=st.integers(0, 400).map(float),
)


def _share(period, dimension, key, metric="activities"):
    return next(r for r in period.dimensions[dimension] if r.bucket.key == key).shares[metric]


def _drift(period, dimension, key, metric="activities"):
    return next(r for r in period.dimensions[dimension] if r.bucket.key == key).drifts[metric]


@given(st.lists(rows, max_size=40))
def test_shares_sum_to_one_where_defined_and_drift_is_share_minus_target(data):
    result = al.align(data, PRIORITIES, QUARTERS)

    for period in [*result.quarters, result.total]:
        for dimension, buckets in period.dimensions.items():
            for metric in al.METRICS:
                shares = [b.shares[metric] for b in buckets]
                if period.totals[metric] > 0:
                    assert math.isclose(sum(shares), 1.0, rel_tol=1e-9), (dimension, metric)
                    for bucket in buckets:
                        assert bucket.drifts[metric] == pytest.approx(
                            bucket.shares[metric] - bucket.bucket.target
                        )
                else:
                    assert all(s is None for s in shares)
                    assert all(b.drifts[metric] is None for b in buckets)


@given(st.lists(rows, max_size=40))
def test_quarters_add_up_to_the_total(data):
    result = al.align(data, PRIORITIES, QUARTERS)

    assert [q.period for q in result.quarters] == QUARTERS
    for metric in al.METRICS:
        assert sum(q.totals[metric] for q in result.quarters) == pytest.approx(
            result.total.totals[metric]
        )
    assert result.total.totals["activities"] == len(data)


@given(st.integers(1, 5))
def test_activity_matching_the_priorities_exactly__drift_zero(scale):
    """Rows in exactly the target proportions (weights 3:2 for themes, 1:1 for objectives,
    3:2:3:1 for places) give zero drift in every bucket."""
    data = []
    place_rows = [
        (al.Destination("EE", 100), 3),  # Tallinn, high
        (al.Destination("CN"), 2),  # China, medium
        (al.Destination("NO"), 3),  # Nordics, high
        (al.Destination("DE"), 1),  # EU, watch
    ]
    # 2 objectives × 9 place rows × (3 + 2 theme rows) arranged so each dimension is exact.
    for objective in (10, 11):
        for destination, place_count in place_rows:
            for theme, theme_count in ((1, 3), (2, 2)):
                data += [
                    al.Row(
                        "2024-Q1",
                        frozenset({theme}),
                        frozenset({objective}),
                        frozenset({destination}),
                        cost=100.0,
                        senior_days=2.0,
                    )
                ] * (scale * place_count * theme_count)

    result = al.align(data, PRIORITIES, ["2024-Q1"])

    for period in (result.quarters[0], result.total):
        for buckets in period.dimensions.values():
            for bucket in buckets:
                for metric in al.METRICS:
                    assert bucket.drifts[metric] == pytest.approx(0.0, abs=1e-12)


def test_empty_quarters__listed_with_no_shares():
    data = [al.Row("2024-Q2", frozenset({1}), cost=50.0)]

    result = al.align(data, PRIORITIES, QUARTERS)

    first, second, _third = result.quarters
    assert first.is_empty and first.totals == {"activities": 0, "cost": 0, "senior_days": 0}
    assert _share(first, "theme", "theme:1") is None
    assert _share(second, "theme", "theme:1") == 1.0
    assert _share(second, "theme", "theme:1", "senior_days") is None  # no senior time at all
    assert _drift(second, "theme", "theme:1") == pytest.approx(1 - 3 / 5)


def test_no_rows_at_all():
    result = al.align([], PRIORITIES, [])
    assert result.quarters == [] and result.total.is_empty


def test_targets__level_weights_high_3_medium_2_watch_1_others_zero():
    buckets = al.buckets_for(PRIORITIES)

    themes = {b.key: b.target for b in buckets["theme"]}
    places = {b.key: b.target for b in buckets["place"]}
    objectives = {b.key: b.target for b in buckets["objective"]}
    assert themes == pytest.approx({"theme:1": 0.6, "theme:2": 0.4, al.OTHER_THEME: 0})
    assert objectives == pytest.approx(
        {"objective:10": 0.5, "objective:11": 0.5, "objective:none": 0}
    )
    assert places == pytest.approx(
        {
            "city:100": 3 / 9,
            "country:CN": 2 / 9,
            "region:nordics": 3 / 9,
            "region:eu": 1 / 9,
            al.ELSEWHERE: 0,
            al.NO_PLACE: 0,
        }
    )


def test_a_plan_without_priorities__every_target_zero_and_all_activity_is_other():
    result = al.align([al.Row("2024-Q1", frozenset({1}))], al.Priorities(), ["2024-Q1"])

    (quarter,) = result.quarters
    assert [b.bucket.key for b in quarter.dimensions["theme"]] == [al.OTHER_THEME]
    assert _share(quarter, "theme", al.OTHER_THEME) == 1.0
    assert _share(quarter, "place", al.NO_PLACE) == 1.0


def test_place__most_specific_priority_wins_and_destinations_split_equally():
    tallinn = al.Destination("EE", 100)  # the city priority, not the EU region
    stockholm = al.Destination("SE", 300)  # Nordics (high) before EU (watch)
    washington = al.Destination("US", 400)
    row = al.Row("2024-Q1", destinations=frozenset({tallinn, stockholm, washington}))

    (quarter,) = al.align([row], PRIORITIES, ["2024-Q1"]).quarters

    assert _share(quarter, "place", "city:100") == pytest.approx(1 / 3)
    assert _share(quarter, "place", "region:nordics") == pytest.approx(1 / 3)
    assert _share(quarter, "place", al.ELSEWHERE) == pytest.approx(1 / 3)
    assert _share(quarter, "place", "region:eu") == 0


def test_themes_and_objectives__split_between_matches_unprioritised_ignored():
    row = al.Row("2024-Q1", themes=frozenset({1, 2, 99}), objectives=frozenset({10, 77}))

    (quarter,) = al.align([row], PRIORITIES, ["2024-Q1"]).quarters

    assert _share(quarter, "theme", "theme:1") == 0.5
    assert _share(quarter, "theme", "theme:2") == 0.5
    assert _share(quarter, "theme", al.OTHER_THEME) == 0
    assert _share(quarter, "objective", "objective:10") == 1.0


def test_cost_and_senior_days_weigh_their_shares():
    rows_ = [
        al.Row("2024-Q1", frozenset({1}), cost=900.0, senior_days=1.0),
        al.Row("2024-Q1", frozenset({2}), cost=100.0, senior_days=3.0),
    ]

    (quarter,) = al.align(rows_, PRIORITIES, ["2024-Q1"]).quarters

    assert _share(quarter, "theme", "theme:1", "activities") == 0.5
    assert _share(quarter, "theme", "theme:1", "cost") == pytest.approx(0.9)
    assert _share(quarter, "theme", "theme:1", "senior_days") == pytest.approx(0.25)
    assert _drift(quarter, "theme", "theme:1", "cost") == pytest.approx(0.9 - 0.6)


def test_rows_outside_the_asked_quarters_are_left_out():
    rows_ = [al.Row("2023-Q4"), al.Row("2024-Q1")]
    result = al.align(rows_, PRIORITIES, ["2024-Q1"])
    assert result.total.totals["activities"] == 1


def test_quarters_between_and_quarter_of():
    assert al.quarters_between((2023, 3), (2024, 2)) == ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]
    assert al.quarters_between((2024, 2), (2024, 1)) == []
    assert [al.quarter_of(2024, m) for m in (1, 3, 4, 12)] == [
        "2024-Q1",
        "2024-Q1",
        "2024-Q2",
        "2024-Q4",
    ]
