"""Benchmark of the composite-indicator engine on synthetic data.

Builds 1,000 units x 200 indicators in a 4-level hierarchy (200 indicators -> 20 pillars ->
4 sub-indices -> 1 index), runs the reference pipeline, then 1,000 Monte Carlo replications
(uncertainty) and a ~1,000-run sensitivity design, and prints a table with times and the peak
resident memory. Run: ``PYTHONPATH=src python bench/bench_engine.py [--units N] [--runs R]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from citydiplomacy.benchmarking.engine import (
    load_coin,
    parse_factors,
    parse_spec,
    run_pipeline,
    run_uncertainty,
    sample_draws,
)
from citydiplomacy.benchmarking.engine.csvio import write_rows

PILLARS, SUB_INDICES = 20, 4
GROUPS = ("North", "South", "East", "West")

PIPELINE = {
    "level_names": ["Indicator", "Pillar", "Sub-index", "Index"],
    "steps": [
        {"op": "denominate"},
        {"op": "impute", "method": "mean", "group": "Region"},
        {"op": "screen", "by": "na", "threshold": 0.9},
        {"op": "treat", "winmax": 5, "skew": 2, "kurt": 3.5},
        {"op": "normalise", "method": "minmax", "range": [1, 100]},
        {"op": "aggregate", "method": "arithmetic"},
    ],
}

FACTORS = [
    {"name": "winmax", "step": "treat", "param": "winmax", "values": [3, 5, 7]},
    {
        "name": "normalisation",
        "step": "normalise",
        "alternatives": [
            {"method": "minmax", "range": [1, 100]},
            {"method": "rank"},
            {"method": "zscore", "mean": 100, "sd": 10},
        ],
    },
    {"name": "weights", "noise": {"1": 0.25, "2": 0.25, "3": 0.25}, "n_sets": 100, "seed": 1},
    {
        "name": "aggregation",
        "step": "aggregate",
        "param": "method",
        "values": ["arithmetic", "geometric"],
    },
]


def write_synthetic(folder: Path, n_units: int, n_indicators: int, seed: int = 42) -> None:
    """Write iMeta.csv and iData.csv of a synthetic index into ``folder``."""
    rng = np.random.default_rng(seed)
    per_pillar = n_indicators // PILLARS
    meta = []
    for i in range(n_indicators):
        pillar = i // per_pillar
        denominator = "Population" if i % 10 == 0 else ""
        meta.append(
            [
                1,
                f"I{i:03d}",
                f"P{pillar:02d}",
                -1 if i % 4 == 3 else 1,
                1,
                "Indicator",
                1.0,
                denominator,
            ]
        )
    for p in range(PILLARS):
        meta.append([2, f"P{p:02d}", f"S{p * SUB_INDICES // PILLARS}", 1, 1, "Aggregate", "", ""])
    for s in range(SUB_INDICES):
        meta.append([3, f"S{s}", "Index", 1, 1 + s % 2, "Aggregate", "", ""])
    meta.append([4, "Index", "", 1, 1, "Aggregate", "", ""])
    meta += [
        ["", "Region", "", "", "", "Group", "", ""],
        ["", "Population", "", "", "", "Denominator", "", ""],
    ]
    write_rows(
        folder / "iMeta.csv",
        ["Level", "iCode", "Parent", "Direction", "Weight", "Type", "Target", "Denominator"],
        meta,
    )
    values = _synthetic_values(rng, n_units, n_indicators)
    header = ["uCode", "uName", "Region", "Population", *(f"I{i:03d}" for i in range(n_indicators))]
    rows = []
    for u in range(n_units):
        population = float(rng.lognormal(8, 1))
        rows.append(
            [f"U{u:05d}", f"Unit {u}", GROUPS[u % len(GROUPS)], population, *values[u].tolist()]
        )
    write_rows(folder / "iData.csv", header, rows)


def _synthetic_values(rng, n_units: int, n_indicators: int) -> np.ndarray:
    """A mix of normal, skewed (log-normal) and count-like indicators, 3 % missing."""
    latent = rng.normal(size=(n_units, 1))
    values = np.empty((n_units, n_indicators))
    for i in range(n_indicators):
        noise = rng.normal(size=n_units)
        if i % 3 == 0:
            values[:, i] = np.exp(0.8 * latent[:, 0] + noise)  # strongly skewed
        elif i % 3 == 1:
            values[:, i] = 50 + 10 * (0.5 * latent[:, 0] + noise)
        else:
            values[:, i] = rng.poisson(3, n_units) + np.abs(latent[:, 0])
    values[rng.random(values.shape) < 0.03] = np.nan
    return values


def timed(function, repeat: int = 1) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_synthetic(folder, args.units, args.indicators)
        load_time, coin = timed(
            lambda: load_coin(folder / "iData.csv", folder / "iMeta.csv", PIPELINE["level_names"])
        )
        rows.append(("load iData + iMeta CSV", load_time, ""))
    spec = parse_spec(PIPELINE)
    pipe_time, run = timed(lambda: run_pipeline(coin, spec), repeat=5)
    treated = run.final.treat[0]
    winsorised = sum(1 for d in treated.details.values() if "winsorise.nwin" in d)
    rows.append(
        (
            "reference pipeline (median of 5)",
            pipe_time,
            f"{len(run.table.units)} units, {winsorised} indicators treated",
        )
    )
    for analysis, n in (
        ("uncertainty", args.runs),
        ("sensitivity", max(1, args.runs // (len(FACTORS) + 2))),
    ):
        plan = parse_factors({"analysis": analysis, "factors": FACTORS}, spec, coin.framework)
        draws = sample_draws(plan, n, seed=7)
        mc_time, result = timed(
            lambda plan=plan, draws=draws: run_uncertainty(coin, spec, plan, draws)
        )
        rows.append(
            (
                f"Monte Carlo {analysis} ({len(draws)} runs)",
                mc_time,
                f"{len(draws) / mc_time:.0f} runs/s, {len(result.failures)} failed runs",
            )
        )
    print(
        f"{args.units} units x {args.indicators} indicators, 4 levels "
        f"({PILLARS} pillars, {SUB_INDICES} sub-indices)"
    )
    print(f"{'step':<42} {'seconds':>9}  notes")
    for name, seconds, note in rows:
        print(f"{name:<42} {seconds:>9.3f}  {note}")
    print(f"{'peak resident memory (MiB)':<42} {peak_rss_mb():>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
