"""Monte Carlo uncertainty and sensitivity analysis (COINr ``get_sensitivity``).

Each replication rebuilds the index with one alternative per factor, picked by a uniform
draw. Draws come from a seeded NumPy generator or from a CSV (one column per factor, one row
per run), so any run can be replayed. Results: every unit's nominal rank and the median and
5-95 % interval of its ranks; for a sensitivity analysis, also first-order (Saltelli) and total
(Jansen) indices of the mean absolute rank change, on COINr's ``N (d + 2)`` design.
Step prefixes shared between runs are computed once (see :class:`PrefixCache`).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .csvio import parse_number, read_rows
from .data import Coin
from .errors import EngineError
from .factors import (
    Factor,
    FactorPlan,
    check_draws,
    continuous_values,
    modified_step,
    noisy_weight_sets,
    pick_alternatives,
)
from .pipeline import PrefixCache, run_pipeline, step_key
from .ranks import ranks
from .rstats import quantile7
from .spec import PipelineSpec, Step


def sample_draws(plan: FactorPlan, n: int, seed: int | None) -> np.ndarray:
    """Uniform draws: ``n`` rows (uncertainty) or COINr's ``n (d + 2)`` design (sensitivity)."""
    if n < 1:
        raise EngineError("the number of runs must be at least 1")
    rng = np.random.default_rng(seed)
    d = len(plan.factors)
    if plan.analysis == "uncertainty":
        return rng.random((n, d))
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def read_draws(path: str | Path, plan: FactorPlan) -> np.ndarray:
    """Read a draws CSV whose header names every factor (in any order)."""
    header, rows = read_rows(path)
    missing = [name for name in plan.names if name not in header]
    unknown = [name for name in header if name not in plan.names]
    if missing or unknown:
        problem = (
            f"no column for factor '{missing[0]}'" if missing else f"unknown factor '{unknown[0]}'"
        )
        raise EngineError(f"draws file {path}: {problem}")
    columns = [header.index(name) for name in plan.names]
    draws = np.array(
        [
            [parse_number(row[j], f"{path}, line {i + 2}") for j in columns]
            for i, row in enumerate(rows)
        ]
    )
    if draws.size == 0:
        raise EngineError(f"draws file {path} has no rows")
    check_draws(draws, plan.names)
    if plan.analysis == "sensitivity" and len(draws) % (len(plan.factors) + 2):
        raise EngineError(
            f"draws file {path}: a sensitivity analysis needs N * (d + 2) rows "
            f"(d = {len(plan.factors)}), got {len(draws)}"
        )
    return draws


@dataclass(frozen=True)
class UncertaintyResult:
    """Scores and ranks of the target for every run, plus summaries."""

    units: tuple[str, ...]
    target: str
    factor_names: tuple[str, ...]
    draws: np.ndarray
    choices: list[list[str]]
    scores: np.ndarray
    ranks: np.ndarray
    nominal_scores: np.ndarray
    nominal_ranks: np.ndarray
    stats_runs: int
    sensitivity: list[dict[str, float | str]] | None
    failures: list[str]

    def rank_stats(self) -> tuple[list[str], list[list[object]]]:
        """Per unit: nominal rank, mean, median, 5 % and 95 % quantiles of the ranks."""
        used = self.ranks[:, : self.stats_runs]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a unit may have no rank at all
            mean = np.nanmean(used, axis=1)
            median = np.nanmedian(used, axis=1)
            q5, q95 = quantile7(used, 0.05, axis=1), quantile7(used, 0.95, axis=1)
        rows = [
            [u, self.nominal_ranks[i], mean[i], median[i], q5[i], q95[i]]
            for i, u in enumerate(self.units)
        ]
        return ["uCode", "Nominal", "Mean", "Median", "Q5", "Q95"], rows


def run_uncertainty(
    coin: Coin,
    spec: PipelineSpec,
    plan: FactorPlan,
    draws: np.ndarray,
    boot_seed: int | None = None,
) -> UncertaintyResult:
    """Run one replication per row of ``draws`` and summarise the target's ranks."""
    if draws.ndim != 2 or draws.shape[1] != len(plan.factors):
        raise EngineError(f"draws need one column per factor ({len(plan.factors)})")
    check_draws(draws, plan.names)
    cache = PrefixCache()
    nominal = run_pipeline(coin, spec, cache, keep_stages=False).final
    target = plan.target or coin.framework.codes_at(coin.framework.max_level)[0]
    units = coin.units
    nominal_scores = _target_scores(nominal.table, target, units)
    options = _factor_options(plan, coin, nominal.weights)
    picks = [_picks(f, draws[:, j]) for j, f in enumerate(plan.factors)]
    scores = np.full((len(units), len(draws)), np.nan)
    failures: list[str] = []
    step_cache: dict[tuple, Step] = {}
    for r in range(len(draws)):
        steps = _run_steps(spec, plan, options, [p[r] for p in picks], step_cache)
        try:
            final = run_pipeline(
                coin, PipelineSpec(steps, spec.level_names), cache, keep_stages=False
            ).final
        except EngineError as exc:
            failures.append(f"run {r + 1}: {exc}")
            continue
        scores[:, r] = _target_scores(final.table, target, units)
    all_ranks = ranks(scores)
    nominal_ranks = ranks(nominal_scores[:, None])[:, 0]
    n = len(draws) // (len(plan.factors) + 2) if plan.analysis == "sensitivity" else len(draws)
    sensitivity = None
    if plan.analysis == "sensitivity":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # failed runs have no ranks
            changes = np.nanmean(np.abs(all_ranks - nominal_ranks[:, None]), axis=0)
        sensitivity = sensitivity_indices(changes, n, plan.names, plan.n_boot, boot_seed)
    choices = [
        [
            _label(f, options[j], p[r])
            for j, (f, p) in enumerate(zip(plan.factors, picks, strict=True))
        ]
        for r in range(len(draws))
    ]
    return UncertaintyResult(
        units,
        target,
        plan.names,
        draws,
        choices,
        scores,
        all_ranks,
        nominal_scores,
        nominal_ranks,
        2 * n if sensitivity else n,
        sensitivity,
        failures,
    )


def _target_scores(table, target: str, units: Sequence[str]) -> np.ndarray:
    if target not in table.columns:
        raise EngineError(
            f"target '{target}' is not in the final data set (does the specification aggregate?)"
        )
    by_unit = dict(zip(table.units, table.column(target), strict=True))
    return np.array([by_unit.get(u, np.nan) for u in units])


def _factor_options(plan: FactorPlan, coin: Coin, nominal_weights) -> list[list]:
    options = []
    for factor in plan.factors:
        if factor.kind == "noise":
            options.append(noisy_weight_sets(factor, coin.framework, nominal_weights))
        else:
            options.append(list(factor.options))
    return options


def _picks(factor: Factor, column: np.ndarray) -> np.ndarray:
    if factor.kind == "range":
        return continuous_values(column, factor.bounds)
    return pick_alternatives(column, factor.n_options, factor.mapping)


def _run_steps(spec, plan, options, picks, step_cache) -> tuple[Step, ...]:
    steps = list(spec.steps)
    for factor, choices, pick in zip(plan.factors, options, picks, strict=True):
        key = (factor.name, step_key((steps[factor.step_index],)), float(pick))
        if key not in step_cache:
            step_cache[key] = _apply_factor(steps[factor.step_index], factor, choices, pick)
        steps[factor.step_index] = step_cache[key]
    return tuple(steps)


def _apply_factor(step: Step, factor: Factor, choices, pick) -> Step:
    where = f"factor '{factor.name}'"
    if factor.kind == "range":
        return modified_step(step, {factor.param: float(pick)}, where)
    choice = choices[int(pick)]
    if factor.kind == "values":
        return modified_step(step, {factor.param: choice}, where)
    if factor.kind == "alternatives":
        return modified_step(step, choice, where, replace_all=True)
    return modified_step(step, {"weights": choice}, where)


def _label(factor: Factor, choices, pick) -> str:
    if factor.kind == "range":
        return repr(float(pick))
    if factor.kind == "noise":
        return f"set {int(pick) + 1}"
    return str(choices[int(pick)])


def sensitivity_indices(
    y: np.ndarray, n: int, names: Sequence[str], n_boot: int = 0, seed: int | None = None
) -> list[dict[str, float | str]]:
    """First-order (Saltelli 2010) and total (Jansen) indices from an ``N (d + 2)`` output.

    Matches COINr ``SA_estimate``: ``Si = mean(yB (yABi - yA)) / var``, ``STi = sum((yA -
    yABi)^2) / (2 N var)`` with ``var = var(c(yA, yB))``; optional bootstrap 5-95 % bounds.
    """
    d = len(names)
    if len(y) != n * (d + 2):
        raise EngineError(f"sensitivity needs {n * (d + 2)} outputs, got {len(y)}")
    y_a, y_b = y[:n], y[n : 2 * n]
    y_ab = y[2 * n :].reshape(d, n).T
    variance = np.var(np.concatenate([y_a, y_b]), ddof=1)
    first_terms = y_b[:, None] * (y_ab - y_a[:, None])
    total_terms = (y_a[:, None] - y_ab) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        first = first_terms.mean(axis=0) / variance
        total = total_terms.sum(axis=0) / (2 * n * variance)
    out = [
        {"Variable": name, "Si": float(first[i]), "STi": float(total[i])}
        for i, name in enumerate(names)
    ]
    if n_boot:
        _bootstrap(out, first_terms, total_terms, variance, n, n_boot, seed)
    return out


def _bootstrap(out, first_terms, total_terms, variance, n, n_boot, seed) -> None:
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(n_boot, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        first = first_terms[picks].mean(axis=1) / variance
        total = total_terms[picks].sum(axis=1) / (2 * n * variance)
    for i, row in enumerate(out):
        row["Si_q5"], row["Si_q95"] = (float(v) for v in np.quantile(first[:, i], [0.05, 0.95]))
        row["STi_q5"], row["STi_q95"] = (float(v) for v in np.quantile(total[:, i], [0.05, 0.95]))
