"""The configuration: JSON round trip, partial settings, and errors that name the key."""

from __future__ import annotations

import json

import pytest

from citydiplomacy.visits.triage import Penalty, RulesError, Thresholds, TriageRules, Weights

from .builders import request, run


def test_the_defaults_round_trip_through_json():
    rules = TriageRules()
    stored = json.loads(json.dumps(rules.to_dict()))
    assert TriageRules.from_dict(stored) == rules
    assert stored["minimum_notice_days"] == 28
    assert stored["penalties"]["short_notice"] == {"points": -40, "hard": True}
    assert stored["weights"]["geography"] == {"1": 20, "2": 10, "3": 0}


def test_a_customised_configuration_round_trips():
    rules = TriageRules(
        minimum_notice_days=14,
        repeat_window_days=365,
        repeat_outcomes={"hosted"},
        weights=Weights(spearhead=30, geography={1: 30, 2: 15, 3: -5}),
        penalties={**TriageRules().penalties, "repeat_visit": Penalty(-50, hard=True)},
        thresholds=Thresholds(host_centrally=60, redirect=30),
    )
    assert TriageRules.from_dict(json.loads(json.dumps(rules.to_dict()))) == rules


def test_missing_settings_keep_their_defaults():
    rules = TriageRules.from_dict(
        {"minimum_notice_days": 14, "weights": {"leader_level": {"mayor": 30}}}
    )
    assert rules.minimum_notice_days == 14
    assert rules.weights.leader_level["mayor"] == 30
    assert rules.weights.leader_level["minister"] == 20
    assert rules.penalties == TriageRules().penalties


def test_the_configuration_changes_the_triage():
    lenient = TriageRules.from_dict({"penalties": {"short_notice": {"hard": False}}})
    soon = request(desired_start=request().received_on, desired_end=request().received_on)
    assert run(soon).hard_breaches
    assert not run(soon, rules=lenient).hard_breaches
    assert run(soon, rules=lenient).score == run(soon).score


@pytest.mark.parametrize(
    ("data", "key", "problem"),
    [
        ({"minimum_notice_days": "four weeks"}, "minimum_notice_days", "whole number"),
        ({"minimum_notice_days": True}, "minimum_notice_days", "whole number"),
        ({"maximum_length_days": 0}, "maximum_length_days", "at least 1"),
        ({"repeat_window_days": -1}, "repeat_window_days", "at least 0"),
        ({"colour": "red"}, "colour", "unknown setting"),
        ({"weights": []}, "weights", "must be an object"),
        ({"weights": {"spearhead": 1.5}}, "weights.spearhead", "whole number"),
        ({"weights": {"leader_level": {"king": 40}}}, "weights.leader_level.king", "unknown"),
        ({"weights": {"geography": {"4": 5}}}, "weights.geography.4", "unknown"),
        (
            {"weights": {"business_potential": {"high": "x"}}},
            "weights.business_potential.high",
            "whole",
        ),
        ({"penalties": {"late": {}}}, "penalties.late", "unknown setting"),
        ({"penalties": {"too_long": {"points": 5}}}, "penalties.too_long.points", "0 or less"),
        ({"penalties": {"too_long": {"hard": "yes"}}}, "penalties.too_long.hard", "true or false"),
        ({"penalties": {"too_long": {"size": 1}}}, "penalties.too_long.size", "unknown"),
        ({"thresholds": {"redirect": 60}}, "thresholds.host_centrally", "must be above"),
        ({"thresholds": {"redirect": 50}}, "thresholds.host_centrally", "must be above"),
        ({"thresholds": {"decline": 0}}, "thresholds.decline", "unknown"),
        ({"repeat_outcomes": "hosted"}, "repeat_outcomes", "list of outcomes"),
        ({"repeat_outcomes": [""]}, "repeat_outcomes", "non-empty"),
    ],
)
def test_bad_settings_are_rejected_naming_the_key(data, key, problem):
    with pytest.raises(RulesError, match=problem) as error:
        TriageRules.from_dict(data)
    assert error.value.key == key
    assert str(error.value).startswith(f"{key}: ")


def test_a_configuration_must_be_an_object():
    with pytest.raises(RulesError, match="rules: must be an object"):
        TriageRules.from_dict(["minimum_notice_days", 28])


def test_rules_built_in_python_are_checked_too():
    with pytest.raises(RulesError) as error:
        TriageRules(weights=Weights(leader_level={"minister": 20}))
    assert error.value.key == "weights.leader_level"
    with pytest.raises(RulesError, match="missing repeat_visit"):
        TriageRules(
            penalties={k: v for k, v in TriageRules().penalties.items() if k != "repeat_visit"}
        )
