"""Monte Carlo uncertainty and sensitivity analysis."""

from __future__ import annotations

import numpy as np
import pytest

from citydiplomacy.benchmarking.engine import EngineError, parse_factors, parse_spec
from citydiplomacy.benchmarking.engine.csvio import write_rows
from citydiplomacy.benchmarking.engine.factors import pick_alternatives
from citydiplomacy.benchmarking.engine.pipeline import run_pipeline
from citydiplomacy.benchmarking.engine.uncertainty import (
    read_draws,
    run_uncertainty,
    sample_draws,
    sensitivity_indices,
)

from .small import small_coin

SPEC = parse_spec(
    {
        "steps": [
            {"op": "impute"},
            {"op": "treat"},
            {"op": "normalise", "method": "minmax", "range": [1, 100]},
            {"op": "aggregate"},
        ]
    }
)
FACTORS = {
    "analysis": "sensitivity",
    "factors": [
        {"name": "winmax", "step": "treat", "param": "winmax", "values": [0, 5]},
        {
            "name": "norm",
            "step": "normalise",
            "alternatives": [{"method": "minmax", "range": [1, 100]}, {"method": "rank"}],
        },
        {"name": "weights", "noise": {"2": 0.5}, "n_sets": 20, "seed": 4},
        {
            "name": "agg",
            "step": "aggregate",
            "param": "method",
            "values": ["arithmetic", "geometric"],
        },
    ],
}


def test_index_mapping_and_coinr_mapping():
    u = np.array([0.0, 0.2, 0.5, 0.51, 1.0])
    assert pick_alternatives(u, 2, "index").tolist() == [0, 0, 0, 1, 1]
    # COINr cuts the draws' own range [0, 1] into 2 right-closed bins.
    assert pick_alternatives(u, 2, "coinr").tolist() == [0, 0, 0, 1, 1]
    narrow = np.array([0.1, 0.2, 0.3])
    assert pick_alternatives(narrow, 2, "coinr").tolist() == [0, 0, 1]
    assert pick_alternatives(narrow, 2, "index").tolist() == [0, 0, 0]


def test_sensitivity_design_shape():
    plan = parse_factors(FACTORS, SPEC, small_coin().framework)
    draws = sample_draws(plan, 10, seed=1)
    assert draws.shape == (60, 4)
    a, b = draws[:10], draws[10:20]
    assert np.array_equal(draws[20:30, 1:], a[:, 1:]) and np.array_equal(draws[20:30, 0], b[:, 0])


def test_sensitivity_indices_of_an_additive_function():
    rng = np.random.default_rng(0)
    n, d = 4000, 2
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    x = [a, b] + [np.where(np.arange(d) == i, b, a) for i in range(d)]
    y = np.concatenate([v[:, 0] + 2 * v[:, 1] for v in x])
    result = {r["Variable"]: r for r in sensitivity_indices(y, n, ["x1", "x2"])}
    # Var(x1) : Var(2 x2) = 1 : 4, so S1 = 0.2 and S2 = 0.8 without interactions.
    assert result["x1"]["Si"] == pytest.approx(0.2, abs=0.05)
    assert result["x2"]["STi"] == pytest.approx(0.8, abs=0.05)


def test_run_and_replay_from_draws_csv(tmp_path):
    coin = small_coin()
    plan = parse_factors(FACTORS, SPEC, coin.framework)
    draws = sample_draws(plan, 8, seed=3)
    first = run_uncertainty(coin, SPEC, plan, draws)
    path = tmp_path / "draws.csv"
    write_rows(path, list(reversed(plan.names)), draws[:, ::-1].tolist())
    again = run_uncertainty(coin, SPEC, plan, read_draws(path, plan))
    assert np.array_equal(first.scores, again.scores, equal_nan=True)
    assert first.sensitivity == again.sensitivity
    header, rows = first.rank_stats()
    assert header == ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95"]
    assert all(row[4] <= row[3] <= row[5] for row in rows)


def test_nominal_matches_the_plain_pipeline_and_runs_use_choices():
    coin = small_coin()
    plan = parse_factors(
        {
            "factors": [
                {
                    "name": "agg",
                    "step": "aggregate",
                    "param": "method",
                    "values": ["arithmetic", "harmonic"],
                }
            ]
        },
        SPEC,
        coin.framework,
    )
    result = run_uncertainty(coin, SPEC, plan, np.array([[0.1], [0.9]]))
    nominal = run_pipeline(coin, SPEC).table.column("Top")
    assert np.array_equal(result.nominal_scores, nominal)
    assert np.array_equal(result.scores[:, 0], nominal)
    assert not np.array_equal(result.scores[:, 1], nominal)
    assert result.choices == [["arithmetic"], ["harmonic"]]


def test_failed_runs_are_recorded_not_fatal():
    coin = small_coin()
    spec = parse_spec({"steps": [{"op": "normalise"}, {"op": "aggregate"}]})
    plan = parse_factors(
        {
            "factors": [
                {
                    "name": "agg",
                    "step": "aggregate",
                    "param": "method",
                    "values": ["arithmetic", "geometric"],
                }
            ]
        },
        spec,
        coin.framework,
    )
    result = run_uncertainty(coin, spec, plan, np.array([[0.1], [0.9]]))
    assert len(result.failures) == 1 and "geometric" in result.failures[0]
    assert np.isnan(result.scores[:, 1]).all()


@pytest.mark.parametrize(
    "bad",
    [
        {"factors": []},
        {"factors": [{"name": "x", "step": "treat", "param": "winmax", "values": [-1]}]},
        {"factors": [{"name": "x", "step": "smooth", "param": "winmax", "values": [1]}]},
        {"factors": [{"name": "x", "step": "treat", "values": [1]}]},
        {"factors": [{"name": "x", "noise": {"9": 0.2}}]},
        {
            "factors": [
                {"name": "x", "step": "treat", "param": "winmax", "values": [1], "colour": "red"}
            ]
        },
        {
            "analysis": "sensitivity",
            "factors": [{"name": "x", "step": "treat", "param": "winmax", "values": [1]}],
        },
    ],
)
def test_invalid_factor_documents(bad):
    with pytest.raises(EngineError):
        parse_factors(bad, SPEC, small_coin().framework)


def test_draws_file_must_match_factors(tmp_path):
    plan = parse_factors(FACTORS, SPEC, small_coin().framework)
    path = tmp_path / "draws.csv"
    write_rows(path, ["winmax", "norm", "weights"], [[0.1, 0.2, 0.3]])
    with pytest.raises(EngineError, match="no column for factor 'agg'"):
        read_draws(path, plan)
    write_rows(path, list(plan.names), [[0.1, 0.2, 1.3, 0.1]] * 6)
    with pytest.raises(EngineError, match="factor 'weights' on line 2 is not in"):
        read_draws(path, plan)
