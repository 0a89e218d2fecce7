"""The input records check themselves, so triage only ever sees valid input."""

from __future__ import annotations

from datetime import date

import pytest

from citydiplomacy.visits.triage import Capacity, PlanPriorities

from .builders import VISIT, request


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"leader_level": "king"}, "leader_level: 'king' is not one of"),
        ({"business_potential": "huge"}, "business_potential: 'huge' is not one of"),
        ({"delegation_size": 0}, "delegation_size: must be at least 1"),
        ({"desired_end": date(2025, 5, 4)}, "desired dates: end 2025-05-04 is before start"),
        ({"alternative_dates": [(VISIT, date(2025, 5, 1))]}, "alternative dates 1: end"),
    ],
)
def test_bad_requests_are_rejected(changes, message):
    with pytest.raises(ValueError, match=message):
        request(**changes)


def test_requests_accept_lists_and_sets_and_stay_immutable():
    req = request(theme_codes=["climate"], alternative_dates=[[VISIT, VISIT]], country_code="fi")
    assert req.theme_codes == frozenset({"climate"})
    assert req.alternative_dates == ((VISIT, VISIT),)
    assert req.country_code == "FI"
    assert req.date_options == ((VISIT, VISIT), (VISIT, VISIT))


def test_priority_levels_are_one_to_three():
    with pytest.raises(ValueError, match=r"city_levels\[7\]: level must be 1, 2 or 3, got 4"):
        PlanPriorities(city_levels={7: 4})
    assert PlanPriorities(country_levels={"cn": 1}).country_levels == {"CN": 1}


def test_capacity_needs_room_for_at_least_one_visit_a_day():
    with pytest.raises(ValueError, match="max_visits_per_day"):
        Capacity({}, max_visits_per_day=0)
    assert Capacity({VISIT: 1}, max_visits_per_day=2).fits((VISIT, VISIT))
    assert not Capacity({VISIT: 2}, max_visits_per_day=2).fits((VISIT, VISIT))
