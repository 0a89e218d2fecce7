"""Property tests: triage never crashes, is deterministic and monotone in each positive
criterion (with the default weights, which rise with seniority, potential and priority)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.visits.triage import (
    BUSINESS_POTENTIALS,
    LEADER_LEVELS,
    PENALTY_NAMES,
    Capacity,
    History,
    PlanPriorities,
    TriageRules,
    VisitRequest,
    render,
    suggest,
    triage,
)

SETTINGS = settings(max_examples=100, deadline=None)
DAY0 = date(2025, 1, 1)
THEMES = ["climate", "culture", "digitalisation", "sports", "health"]
COUNTRIES = ["CN", "EE", "SE", "ZZ", "fi"]
NAMES = ["Example Agency", "The Example Agency Ltd", "Other Org Oy", "Third"]

days = st.integers(0, 400).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def date_ranges(draw):
    start = draw(days)
    return start, start + timedelta(days=draw(st.integers(0, 6)))


@st.composite
def requests(draw):
    desired = draw(date_ranges())
    return VisitRequest(
        organisation_name=draw(st.one_of(st.sampled_from(NAMES), st.text(max_size=20))),
        organisation_type=draw(st.text(max_size=10)),
        country_code=draw(st.sampled_from(COUNTRIES)),
        city_id=draw(st.one_of(st.none(), st.integers(1, 4))),
        delegation_size=draw(st.integers(1, 60)),
        leader_level=draw(st.sampled_from(LEADER_LEVELS)),
        desired_start=desired[0],
        desired_end=desired[1],
        alternative_dates=draw(st.lists(date_ranges(), max_size=3)),
        theme_codes=draw(st.frozensets(st.sampled_from(THEMES))),
        purpose=draw(st.text(max_size=20)),
        business_potential=draw(st.sampled_from(BUSINESS_POTENTIALS)),
        received_on=draw(days),
    )


levels = st.integers(1, 3)
plans = st.builds(
    PlanPriorities,
    spearhead_codes=st.frozensets(st.sampled_from(THEMES)),
    country_levels=st.dictionaries(st.sampled_from(COUNTRIES), levels),
    city_levels=st.dictionaries(st.integers(1, 4), levels),
    region_country_levels=st.dictionaries(st.sampled_from(COUNTRIES), levels),
)
capacities = st.builds(
    Capacity,
    visits_by_day=st.dictionaries(days, st.integers(0, 3), max_size=30),
    max_visits_per_day=st.integers(1, 3),
)
histories = st.builds(
    History,
    st.lists(
        st.tuples(
            st.sampled_from(NAMES), days, st.sampled_from(["hosted", "redirected", "declined"])
        ),
        max_size=8,
    ),
)
points = st.integers(-50, 50)


@st.composite
def rule_sets(draw):
    """Any valid configuration, as a city could store it."""
    redirect = draw(points)
    return TriageRules.from_dict(
        {
            "minimum_notice_days": draw(st.integers(0, 60)),
            "repeat_window_days": draw(st.integers(0, 1000)),
            "maximum_length_days": draw(st.integers(1, 7)),
            "large_delegation_size": draw(st.integers(1, 60)),
            "max_spearhead_themes": draw(st.integers(0, 3)),
            "repeat_outcomes": draw(st.lists(st.sampled_from(["hosted", "redirected", "x"]))),
            "weights": {
                "spearhead": draw(points),
                "no_spearhead": draw(points),
                "geography": {str(level): draw(points) for level in (1, 2, 3)},
                "leader_level": {level: draw(points) for level in LEADER_LEVELS},
                "business_potential": {p: draw(points) for p in BUSINESS_POTENTIALS},
            },
            "penalties": {
                name: {"points": draw(st.integers(-50, 0)), "hard": draw(st.booleans())}
                for name in PENALTY_NAMES
            },
            "thresholds": {
                "redirect": redirect,
                "host_centrally": redirect + draw(st.integers(1, 50)),
            },
        }
    )


@SETTINGS
@given(requests(), plans, capacities, histories, st.one_of(st.none(), rule_sets()))
def test_any_valid_input_gives_a_consistent_explained_result(req, plan, capacity, history, rules):
    result = triage(req, plan, capacity, history, rules)
    rules = rules or TriageRules()
    assert result.score == sum(r.points for r in result.reasons)
    assert result.suggestion == suggest(result.score, result.reasons, rules)
    if result.hard_breaches:
        assert result.suggestion == "decline"
    assert result.chosen_dates in req.date_options
    assert set(result.best_dates) <= set(req.date_options)
    assert all(render(r) for r in result.reasons)
    json.dumps(result.to_dict())


@SETTINGS
@given(requests(), plans, capacities, histories, rule_sets(), st.randoms(use_true_random=False))
def test_triage_is_deterministic(req, plan, capacity, history, rules, rng: random.Random):
    shuffled = list(history.previous_visits)
    rng.shuffle(shuffled)
    first = triage(req, plan, capacity, history, rules)
    assert triage(req, plan, capacity, History(shuffled).index(), rules) == first
    assert triage(req, plan, capacity, history, rules) == first


def no_lower(before: VisitRequest, after: VisitRequest, plan, capacity, history) -> bool:
    return (
        triage(after, plan, capacity, history).score
        >= triage(before, plan, capacity, history).score
    )


@SETTINGS
@given(requests(), plans, capacities, histories, st.sampled_from(THEMES))
def test_adding_a_theme_never_lowers_the_score(req, plan, capacity, history, theme):
    more = replace(req, theme_codes=req.theme_codes | {theme})
    assert no_lower(req, more, plan, capacity, history)


@SETTINGS
@given(requests(), plans, capacities, histories, st.data())
def test_a_more_senior_leader_or_more_business_never_lowers_the_score(
    req, plan, capacity, history, data
):
    senior = data.draw(st.sampled_from(LEADER_LEVELS[: LEADER_LEVELS.index(req.leader_level) + 1]))
    richer = data.draw(
        st.sampled_from(
            BUSINESS_POTENTIALS[: BUSINESS_POTENTIALS.index(req.business_potential) + 1]
        )
    )
    assert no_lower(req, replace(req, leader_level=senior), plan, capacity, history)
    assert no_lower(req, replace(req, business_potential=richer), plan, capacity, history)


@SETTINGS
@given(requests(), plans, capacities, histories, st.integers(1, 100), date_ranges())
def test_more_notice_or_more_dates_never_lower_the_score(req, plan, capacity, history, n, extra):
    earlier = replace(req, received_on=req.received_on - timedelta(days=n))
    assert no_lower(req, earlier, plan, capacity, history)
    more_dates = replace(req, alternative_dates=(*req.alternative_dates, extra))
    assert no_lower(req, more_dates, plan, capacity, history)


@SETTINGS
@given(requests(), plans, capacities, histories, st.integers(1, 60))
def test_a_smaller_delegation_never_lowers_the_score(req, plan, capacity, history, size):
    smaller = replace(req, delegation_size=min(size, req.delegation_size))
    assert no_lower(req, smaller, plan, capacity, history)


@SETTINGS
@given(requests(), plans, capacities, histories)
def test_freeing_capacity_never_lowers_the_score(req, plan, capacity, history):
    freed = Capacity({}, capacity.max_visits_per_day)
    before = triage(req, plan, capacity, history).score
    assert triage(req, plan, freed, history).score >= before


@SETTINGS
@given(requests(), plans, capacities, histories, levels)
def test_a_higher_priority_for_the_deciding_place_never_lowers_the_score(
    req, plan, capacity, history, level
):
    # Raise the level of whichever place decides (the city, else the country, else region).
    if req.city_id in plan.city_levels:
        field, key = "city_levels", req.city_id
    elif req.country_code in plan.country_levels:
        field, key = "country_levels", req.country_code
    else:
        field, key = "region_country_levels", req.country_code
    current = getattr(plan, field).get(key, 3)
    raised = replace(plan, **{field: {**getattr(plan, field), key: min(level, current)}})
    before = triage(req, plan, capacity, history).score
    assert triage(req, raised, capacity, history).score >= before
