"""A neutral request and plan to vary one criterion at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from citydiplomacy.visits.triage import (
    Capacity,
    History,
    PlanPriorities,
    TriageRules,
    VisitRequest,
    triage,
)

RECEIVED = date(2025, 3, 3)
VISIT = date(2025, 5, 5)  # 63 days after RECEIVED
BEIJING = 101

NEUTRAL = VisitRequest(
    organisation_name="Example Agency",
    organisation_type="government",
    country_code="ZZ",
    city_id=None,
    delegation_size=5,
    leader_level="other",
    desired_start=VISIT,
    desired_end=VISIT,
    alternative_dates=(),
    theme_codes=frozenset(),
    purpose="Learn about the city",
    business_potential="none",
    received_on=RECEIVED,
)
PLAN = PlanPriorities(
    spearhead_codes=frozenset({"climate", "digitalisation", "culture"}),
    country_levels={"CN": 1, "EE": 2, "RU": 3},
    city_levels={BEIJING: 1},
    region_country_levels={"SE": 1, "NO": 1, "EE": 1},
)
ROOMY = Capacity({}, max_visits_per_day=2)
NO_HISTORY = History()


def request(**changes) -> VisitRequest:
    return replace(NEUTRAL, **changes)


def run(req=NEUTRAL, plan=PLAN, capacity=ROOMY, history=NO_HISTORY, rules=None):
    return triage(req, plan, capacity, history, rules or TriageRules())


def score(**changes) -> int:
    return run(request(**changes)).score


def codes(result) -> list[str]:
    return [r.code for r in result.reasons]
