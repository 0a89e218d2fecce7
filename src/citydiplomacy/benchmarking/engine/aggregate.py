"""Aggregation through the hierarchy (COINr ``Aggregate`` with ``a_*`` functions).

Aggregation runs level by level: each parent is computed row-wise from its children (which
are aggregates of the level below, never effective indicator weights). New columns are added
level by level, sorted within a level as COINr's ``tapply`` sorts them. A row whose fraction of
available children is below ``dat_thresh`` gets NaN without evaluating the mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .data import Framework
from .errors import EngineError
from .rstats import LONG, power, sequential_column_sum
from .table import Table

METHODS = ("arithmetic", "geometric", "harmonic", "generalised")


@dataclass(frozen=True)
class LevelRule:
    """How one aggregation level is computed."""

    method: str = "arithmetic"
    p: float | None = None
    dat_thresh: float | None = None


def row_sum(x: np.ndarray) -> np.ndarray:
    """Sequential long-double sum along each row (R's ``sum``)."""
    return sequential_column_sum(x.T.astype(LONG)).astype(float)


def arithmetic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a_amean``: drop NaN children, rescale their weights to sum 1, ``sum(w * x)``."""
    present = ~np.isnan(x)
    wx = np.where(present, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = wx / row_sum(wx)[:, None]
        out = row_sum(np.where(present, shares * x, 0.0))
    return np.where(present.any(axis=1), out, np.nan)


def geometric(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a_gmean``: ``exp(sum(w log x) / sum(w))`` over available children."""
    present = ~np.isnan(x)
    wx = np.where(present, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        # Plain float64 log/exp here: speed matters in Monte Carlo runs, and an ulp of
        # difference is far below the 1e-12 agreement asked of the engine.
        logs = np.where(present, np.log(np.where(present, x, 1.0)), 0.0)
        out = np.exp(row_sum(wx * logs) / row_sum(wx))
    return np.where(present.any(axis=1), out, np.nan)


def harmonic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a_hmean``: ``sum(w) / sum(w / x)`` over available children."""
    present = ~np.isnan(x)
    wx = np.where(present, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        inverse = np.where(present, wx / np.where(present, x, 1.0), 0.0)
        out = row_sum(wx) / row_sum(inverse)
    return np.where(present.any(axis=1), out, np.nan)


def generalised(x: np.ndarray, w: np.ndarray, p: float) -> np.ndarray:
    """``a_genmean``: ``(sum(w x^p) / sum(w))^(1/p)``; any missing child gives NaN (as COINr)."""
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return power(row_sum(w * power(x, p)) / row_sum(w[None, :]), 1 / p)


def check_domain(x: np.ndarray, rule: LevelRule, parent: str, units: Sequence[str]) -> None:
    """Raise :class:`EngineError` where the mean is undefined, naming parent and unit."""
    if rule.method == "geometric":
        bad = x <= 0
        problem = "geometric mean over non-positive values"
    elif rule.method == "harmonic":
        bad = x == 0
        problem = "harmonic mean over zero values"
    elif rule.method == "generalised" and rule.p is not None and rule.p < 0:
        bad = x <= 0
        problem = f"generalised mean with p = {rule.p} over non-positive values"
    else:
        return
    rows = np.flatnonzero(bad.any(axis=1))
    if rows.size:
        raise EngineError(f"{problem}: aggregate '{parent}', unit '{units[rows[0]]}'")


def aggregate_block(x: np.ndarray, w: np.ndarray, rule: LevelRule) -> np.ndarray:
    """Aggregate one group of children (units x children) into one column."""
    if rule.method == "arithmetic":
        return arithmetic(x, w)
    if rule.method == "geometric":
        return geometric(x, w)
    if rule.method == "harmonic":
        return harmonic(x, w)
    if rule.method == "generalised":
        if rule.p is None or rule.p == 0:
            raise EngineError("aggregate method 'generalised' needs a non-zero 'p'")
        return generalised(x, w, rule.p)
    raise EngineError(
        f"unknown aggregation method '{rule.method}' (expected one of {', '.join(METHODS)})"
    )


def aggregate(
    table: Table,
    framework: Framework,
    weights: Mapping[str, float],
    rules: Sequence[LevelRule],
) -> Table:
    """Add every aggregate column to ``table`` (which holds the indicator columns).

    ``rules`` has one entry per aggregation level (levels 2 .. max_level).
    """
    if len(rules) != framework.max_level - 1:
        raise EngineError(
            f"aggregation needs {framework.max_level - 1} level rule(s), got {len(rules)}"
        )
    columns = {code: table.values[:, i] for i, code in enumerate(table.columns)}
    added: list[str] = []
    for level, rule in zip(range(2, framework.max_level + 1), rules, strict=True):
        for parent in framework.aggregates_at(level):
            columns[parent] = _aggregate_parent(
                columns, table.units, framework, weights, rule, parent
            )
            added.append(parent)
    return table.append(added, np.column_stack([columns[c] for c in added]))


def _aggregate_parent(columns, units, framework, weights, rule: LevelRule, parent: str):
    children = framework.children(parent)
    x = np.column_stack([columns[c] for c in children])
    w = np.array([weights[c] for c in children], dtype=float)
    if rule.dat_thresh is None:
        check_domain(x, rule, parent, units)
        return aggregate_block(x, w, rule)
    enough = (~np.isnan(x)).sum(axis=1) / x.shape[1] >= rule.dat_thresh
    kept_units = [u for u, keep in zip(units, enough, strict=True) if keep]
    check_domain(x[enough], rule, parent, kept_units)
    out = np.full(x.shape[0], np.nan)
    if enough.any():
        out[enough] = aggregate_block(x[enough], w, rule)
    return out
