"""The specification vocabulary: defaults, strict validation, round trip."""

from __future__ import annotations

import json

import pytest

from citydiplomacy.benchmarking.engine import EngineError, load_spec, parse_spec
from citydiplomacy.benchmarking.engine.pipeline import run_pipeline
from citydiplomacy.benchmarking.engine.spec import REFERENCE_SPEC

from .small import small_coin


def test_defaults_are_filled_in():
    spec = parse_spec({"steps": [{"op": "treat"}, {"op": "aggregate"}]})
    treat, aggregate = spec.steps
    assert treat.params["winmax"] == 5 and treat.params["skew"] == 2
    assert treat.params["kurt"] == 3.5 and treat.params["log"] is True
    assert aggregate.params["method"] == "arithmetic" and aggregate.params["dat_thresh"] is None


def test_round_trip_through_json():
    spec = parse_spec(REFERENCE_SPEC)
    again = parse_spec(json.loads(json.dumps(spec.to_json())))
    assert again == spec


@pytest.mark.parametrize(
    "bad",
    [
        {"steps": []},
        {"steps": [{"op": "screen", "by": "nans"}]},
        {"steps": [{"op": "screen", "threshold": 1.5}]},
        {"steps": [{"op": "treat", "winmax": -1}]},
        {"steps": [{"op": "treat", "log": "yes"}]},
        {"steps": [{"op": "impute", "method": "mode"}]},
        {"steps": [{"op": "impute", "level": 2}]},
        {"steps": [{"op": "normalise", "method": "goalposts"}]},
        {"steps": [{"op": "normalise", "method": "zscore", "sd": 0}]},
        {"steps": [{"op": "aggregate", "method": "generalised"}]},
        {"steps": [{"op": "aggregate"}, {"op": "treat"}]},
        {"steps": [{"op": "aggregate", "weights": {"a1": "heavy"}}]},
        {"steps": [{"op": "treat"}], "extra": 1},
        ["not", "an", "object"],
    ],
)
def test_invalid_specs_are_rejected(bad):
    with pytest.raises(EngineError):
        parse_spec(bad)


def test_by_level_length_is_checked_against_the_hierarchy():
    spec = parse_spec({"steps": [{"op": "aggregate", "by_level": ["arithmetic"]}]})
    with pytest.raises(EngineError, match=r"'by_level' of step 1 .* has 1 entries"):
        run_pipeline(small_coin(), spec)


def test_weights_step_and_step_weights():
    coin = small_coin()
    base = run_pipeline(coin, parse_spec({"steps": [{"op": "aggregate"}]}))
    equal = run_pipeline(
        coin, parse_spec({"steps": [{"op": "weights", "method": "equal"}, {"op": "aggregate"}]})
    )
    assert base.final.weights["P2"] == 3 and equal.final.weights["P2"] == 1
    heavier = run_pipeline(
        coin, parse_spec({"steps": [{"op": "aggregate", "weights": {"a2": 10}}]})
    )
    assert heavier.final.weights["a2"] == 10
    assert (heavier.table.column("P1") != base.table.column("P1")).any()


def test_normalise_overrides_per_indicator():
    coin = small_coin()
    spec = parse_spec(
        {
            "steps": [
                {"op": "normalise", "method": "minmax", "overrides": {"b2": {"method": "rank"}}}
            ]
        }
    )
    table = run_pipeline(coin, spec).table
    assert sorted(table.column("b2").tolist()) == [1, 2, 3, 4, 5]
    assert max(v for v in table.column("b1") if v == v) == 100


def test_load_spec_errors(tmp_path):
    path = tmp_path / "spec.json"
    path.write_text("{not json")
    with pytest.raises(EngineError, match="not valid JSON"):
        load_spec(path)
    with pytest.raises(EngineError, match="not found"):
        load_spec(tmp_path / "missing.json")
