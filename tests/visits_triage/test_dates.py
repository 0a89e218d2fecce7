"""Notice, capacity and length, judged on the desired and the alternative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from citydiplomacy.visits.triage import Capacity, Penalty, TriageRules, render

from .builders import RECEIVED, VISIT, codes, request, run

STRONG = {
    "theme_codes": {"climate", "culture"},
    "country_code": "CN",
    "leader_level": "minister",
    "business_potential": "high",
}  # scores 95 with no broken rule
JUNE_2, JUNE_3 = date(2025, 6, 2), date(2025, 6, 3)


def days_after_received(days: int) -> date:
    return RECEIVED + timedelta(days=days)


@pytest.mark.parametrize(("notice", "short"), [(28, False), (27, True)])
def test_four_weeks_notice_is_the_minimum(notice, short):
    day = days_after_received(notice)
    result = run(request(**STRONG, desired_start=day, desired_end=day))
    assert ("short_notice" in codes(result)) is short
    assert result.suggestion == ("decline" if short else "host_centrally")


def test_short_notice_is_a_hard_rule_whatever_the_score():
    day = days_after_received(10)
    result = run(request(**STRONG, desired_start=day, desired_end=day))
    assert result.score == 95 - 40
    assert result.suggestion == "decline"
    [breach] = result.hard_breaches
    assert (breach.code, breach.points, dict(breach.params)) == (
        "short_notice",
        -40,
        {"days": 10, "minimum_days": 28},
    )
    assert render(breach) == "−40 short notice: 10 days (minimum 28) (rule)"


def test_an_alternative_with_enough_notice_saves_a_short_notice_request():
    day = days_after_received(10)
    req = request(
        **STRONG, desired_start=day, desired_end=day, alternative_dates=[(JUNE_2, JUNE_2)]
    )
    result = run(req)
    assert result.chosen_dates == (JUNE_2, JUNE_2)
    assert result.suggestion == "host_centrally" and result.score == 95


def test_lead_time_uses_the_earliest_dates_with_capacity():
    full = Capacity({VISIT: 2}, max_visits_per_day=2)
    req = request(alternative_dates=[(JUNE_3, JUNE_3), (JUNE_2, JUNE_2)])
    result = run(req, capacity=full)
    assert result.chosen_dates == (JUNE_2, JUNE_2)
    assert result.best_dates == ((JUNE_2, JUNE_2), (JUNE_3, JUNE_3))
    notice = next(r for r in result.reasons if r.code == "notice_ok")
    assert notice.params["days"] == (JUNE_2 - RECEIVED).days


def test_no_capacity_on_any_offered_date_costs_twenty_five():
    full = Capacity({VISIT: 1, JUNE_2: 3}, max_visits_per_day=1)
    result = run(request(alternative_dates=[(JUNE_2, JUNE_2)]), capacity=full)
    assert result.score == -10 - 25
    assert "no_capacity" in codes(result) and result.best_dates == ()
    assert result.chosen_dates == (VISIT, VISIT)  # equally bad: the earliest


def test_every_day_of_a_visit_needs_capacity():
    busy_second_day = Capacity({VISIT + timedelta(days=1): 1}, max_visits_per_day=1)
    two_days = request(desired_end=VISIT + timedelta(days=1))
    assert "no_capacity" in codes(run(two_days, capacity=busy_second_day))
    assert "capacity_ok" in codes(run(request(), capacity=busy_second_day))


@pytest.mark.parametrize(("length", "points"), [(3, 0), (4, -15)])
def test_visits_longer_than_three_days_cost_fifteen(length, points):
    req = request(desired_end=VISIT + timedelta(days=length - 1))
    assert run(req).score == -10 + points


def test_a_rule_made_hard_declines():
    rules = TriageRules(penalties={**TriageRules().penalties, "too_long": Penalty(-15, hard=True)})
    req = request(**STRONG, desired_end=VISIT + timedelta(days=5))
    assert run(req).suggestion == "host_centrally"
    assert run(req, rules=rules).suggestion == "decline"


def test_best_dates_list_each_acceptable_range_once_earliest_first():
    req = request(
        alternative_dates=[(JUNE_3, JUNE_3), (VISIT, VISIT), (JUNE_2, JUNE_3 + timedelta(days=9))]
    )
    assert run(req).best_dates == ((VISIT, VISIT), (JUNE_3, JUNE_3))
