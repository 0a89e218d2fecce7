"""Each criterion moves the score by the documented points (default rules)."""

from __future__ import annotations

from datetime import date

import pytest

from citydiplomacy.visits.triage import History, render

from .builders import BEIJING, codes, request, run, score

BASELINE = -10  # the neutral request has no spearhead theme, everything else is worth 0


def test_the_neutral_request_scores_only_the_missing_spearhead():
    result = run()
    assert result.score == BASELINE == sum(r.points for r in result.reasons)
    assert codes(result) == [
        "no_spearhead",
        "geo_none",
        "leader_level",
        "business_potential",
        "notice_ok",
        "capacity_ok",
        "length_ok",
        "delegation_size_ok",
        "first_visit",
    ]
    assert result.suggestion == "decline"


def test_each_spearhead_theme_adds_twenty_up_to_two_themes():
    assert score(theme_codes={"sports"}) == BASELINE
    assert score(theme_codes={"climate"}) == 20
    assert score(theme_codes={"climate", "culture"}) == 40
    assert score(theme_codes={"climate", "culture", "digitalisation"}) == 40
    reasons = run(request(theme_codes={"climate", "sports"})).reasons
    assert [(r.code, r.points, dict(r.params)) for r in reasons[:1]] == [
        ("spearhead", 20, {"theme": "climate"})
    ]
    assert render(reasons[0]) == "+20 climate spearhead"


@pytest.mark.parametrize(
    ("country", "city", "points", "code"),
    [
        ("CN", BEIJING, 20, "geo_city"),
        ("CN", None, 20, "geo_country"),
        ("EE", None, 10, "geo_country"),  # the country's own level beats its region's
        ("RU", None, 0, "geo_country"),
        ("SE", None, 20, "geo_region"),
        ("ZZ", None, 0, "geo_none"),
        ("ZZ", 999, 0, "geo_none"),
    ],
)
def test_the_most_specific_geographic_priority_counts(country, city, points, code):
    result = run(request(country_code=country, city_id=city))
    assert result.score == BASELINE + points
    assert codes(result)[1] == code


def test_country_codes_match_in_any_case():
    assert score(country_code="cn") == BASELINE + 20


@pytest.mark.parametrize(
    ("level", "points"),
    [
        ("head_of_state", 25),
        ("minister", 20),
        ("mayor", 15),
        ("ambassador", 10),
        ("director", 5),
        ("expert", 0),
        ("other", 0),
    ],
)
def test_the_leaders_level_adds_points(level, points):
    assert score(leader_level=level) == BASELINE + points


@pytest.mark.parametrize(
    ("potential", "points"), [("high", 15), ("medium", 8), ("low", 3), ("none", 0)]
)
def test_business_potential_adds_points(potential, points):
    assert score(business_potential=potential) == BASELINE + points


def test_a_large_delegation_costs_ten():
    assert score(delegation_size=30) == BASELINE
    result = run(request(delegation_size=31))
    assert result.score == BASELINE - 10
    assert "large_delegation" in codes(result)


@pytest.mark.parametrize(
    ("previous", "outcome", "points", "code"),
    [
        (date(2023, 5, 6), "hosted", -30, "repeat_visit"),  # 730 days before
        (date(2023, 5, 5), "hosted", 0, "earlier_visit"),  # 731 days before
        (date(2026, 1, 1), "redirected", -30, "repeat_visit"),  # already planned after it
        (date(2024, 5, 5), "declined", 0, "first_visit"),  # a declined request was no visit
    ],
)
def test_a_repeat_visit_within_two_years_costs_thirty(previous, outcome, points, code):
    history = History([("EXAMPLE AGENCY Ltd.", previous, outcome)])
    result = run(history=history)
    assert result.score == BASELINE + points
    assert codes(result)[-1] == code


def test_the_repeat_reason_says_when_the_previous_visit_was():
    history = History([("The Example Agency", date(2024, 1, 10), "hosted")])
    reason = run(history=history).reasons[-1]
    assert render(reason) == "−30 repeat visit within 2 years (previous 2024-01-10)"


def test_the_nearest_earlier_visit_decides():
    history = History(
        [
            ("Example Agency", date(2019, 1, 1), "hosted"),
            ("Example Agency", date(2024, 6, 1), "hosted"),
            ("Example Agency", date(2021, 1, 1), "hosted"),
        ]
    )
    assert run(history=history).reasons[-1].params["previous"] == "2024-06-01"


def test_an_indexed_history_gives_the_same_result():
    history = History([("Example Agency", date(2024, 1, 10), "hosted")])
    assert run(history=history.index()) == run(history=history)


def test_a_strong_request_is_hosted_centrally_and_a_medium_one_redirected():
    strong = request(
        theme_codes={"climate"},
        country_code="CN",
        leader_level="minister",
        business_potential="high",
    )
    assert run(strong).score == 75 and run(strong).suggestion == "host_centrally"
    medium = request(theme_codes={"culture"}, leader_level="director", business_potential="low")
    assert run(medium).score == 28 and run(medium).suggestion == "redirect"
