"""Analysis of indicators: statistics, data availability, correlations, Cronbach's alpha,
first-principal-component weights, and the rank impact of removing one element."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .data import Coin, Framework
from .errors import EngineError
from .pipeline import run_pipeline
from .ranks import ranks
from .rstats import count_present, r_kurt, r_max, r_mean, r_median, r_min, r_sd, r_skew
from .screen import data_availability
from .spec import PipelineSpec
from .table import Table

STATS_HEADER = (
    "iCode",
    "Min",
    "Max",
    "Mean",
    "Median",
    "Std",
    "Skew",
    "Kurt",
    "N.Avail",
    "N.NonZero",
    "N.Unique",
    "N.Same",
    "Frc.Avail",
    "Frc.NonZero",
    "Frc.Unique",
    "Frc.Same",
    "Flag.Avail",
    "Flag.NonZero",
    "Flag.Unique",
    "Flag.SkewKurt",
)


def statistics(
    table: Table,
    t_skew: float = 2,
    t_kurt: float = 3.5,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
) -> tuple[list[str], list[list]]:
    """COINr ``get_stats`` (unrounded): one row of statistics and flags per column."""
    x = table.values
    n = x.shape[0]
    columns = [r_min(x), r_max(x), r_mean(x), r_median(x), r_sd(x), r_skew(x), r_kurt(x)]
    n_avail = count_present(x)
    n_nonzero = np.sum((x != 0) & ~np.isnan(x), axis=0)
    rows = []
    for j, code in enumerate(table.columns):
        present = x[~np.isnan(x[:, j]), j]
        _, counts = np.unique(present, return_counts=True)
        n_unique, n_same = len(counts), int(counts.max()) if len(counts) else 0
        skew, kurt = columns[5][j], columns[6][j]
        avail = n_avail[j] / n
        outlier = (
            None
            if np.isnan(skew) or np.isnan(kurt)
            else ("OUT" if abs(skew) > t_skew and kurt > t_kurt else "ok")
        )
        rows.append(
            [
                code,
                *(float(c[j]) for c in columns),
                int(n_avail[j]),
                int(n_nonzero[j]),
                n_unique,
                n_same,
                avail,
                n_nonzero[j] / n_avail[j],
                n_unique / n_avail[j],
                n_same / n_avail[j],
                "ok" if avail >= t_avail else "LOW",
                "ok" if n_nonzero[j] / n >= t_zero else "LOW",
                "ok" if n_unique / n >= t_unq else "LOW",
                outlier,
            ]
        )
    return list(STATS_HEADER), rows


def availability_summary(table: Table) -> tuple[list[str], list[list]]:
    """COINr ``get_data_avail(...)$Summary`` for the indicator columns of ``table``."""
    a = data_availability(table.values)
    rows = [
        [
            u,
            int(a.n_missing[i]),
            int(a.n_zero[i]),
            int(a.n_miss_or_zero[i]),
            float(a.dat_avail[i]),
            float(a.non_zero[i]),
        ]
        for i, u in enumerate(table.units)
    ]
    return ["uCode", "N_missing", "N_zero", "N_miss_or_zero", "Dat_Avail", "Non_Zero"], rows


def availability_by_group(table: Table, framework: Framework) -> tuple[list[str], list[list]]:
    """COINr ``get_data_avail(...)$ByGroup``: share of available indicators in every group."""
    lineage = framework.lineage()
    header, columns = ["uCode"], []
    for level in range(2, framework.max_level + 1):
        for group in dict.fromkeys(row[level - 1] for row in lineage):
            members = [row[0] for row in lineage if row[level - 1] == group]
            missing = np.isnan(table.select(members))
            columns.append(1 - missing.sum(axis=1) / missing.shape[1])
            header.append(group)
    values = np.column_stack(columns)
    return header, [[u, *values[i]] for i, u in enumerate(table.units)]


def correlations(x: np.ndarray, method: str = "pearson") -> np.ndarray:
    """Pairwise-complete correlation matrix of the columns (``pearson`` or ``spearman``)."""
    if method not in ("pearson", "spearman"):
        raise EngineError(f"unknown correlation method '{method}' (expected pearson or spearman)")
    k = x.shape[1]
    out = np.eye(k)
    for i in range(k):
        for j in range(i + 1, k):
            both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            a, b = x[both, i], x[both, j]
            if method == "spearman":
                a, b = _average_ranks(a), _average_ranks(b)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[i, j] = out[j, i] = np.corrcoef(a, b)[0, 1] if both.sum() > 1 else np.nan
    return out


def _average_ranks(v: np.ndarray) -> np.ndarray:
    order = np.argsort(v, kind="stable")
    ranked = np.empty(len(v))
    ranked[order] = np.arange(1, len(v) + 1)
    for value in np.unique(v):
        tie = v == value
        ranked[tie] = ranked[tie].mean()
    return ranked


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's alpha from the pairwise-complete covariance matrix (COINr ``get_cronbach``)."""
    k = x.shape[1]
    if k < 2:
        raise EngineError("Cronbach's alpha needs at least two indicators")
    cov = np.empty((k, k))
    for i in range(k):
        for j in range(i, k):
            both = ~np.isnan(x[:, i]) & ~np.isnan(x[:, j])
            a, b = x[both, i], x[both, j]
            cov[i, j] = cov[j, i] = np.sum((a - a.mean()) * (b - b.mean())) / (both.sum() - 1)
    total = np.nansum(cov)
    average_off_diagonal = (total - np.nansum(np.diag(cov))) / (k * (k - 1))
    return float(k**2 * average_off_diagonal / total)


def pca_weights(x: np.ndarray) -> tuple[np.ndarray, float]:
    """First principal component loadings on complete cases, centred and scaled.

    Returns the loadings (unit length, sign chosen so that they sum to a positive number;
    the sign of a principal component is arbitrary) and the share of variance explained.
    """
    complete = x[~np.isnan(x).any(axis=1)]
    if complete.shape[0] < 2:
        raise EngineError("PCA needs at least two units with complete data")
    sd = complete.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise EngineError("PCA cannot scale a constant indicator")
    scaled = (complete - complete.mean(axis=0)) / sd
    _, singular, vt = np.linalg.svd(scaled, full_matrices=False)
    loadings = vt[0] if vt[0].sum() >= 0 else -vt[0]
    return loadings, float(singular[0] ** 2 / np.sum(singular**2))


@dataclass(frozen=True)
class RemovalImpact:
    """Rank change of the target when one element is removed from the framework."""

    code: str
    mean_abs_rank_change: float
    ranks: np.ndarray


def removal_impacts(
    coin: Coin, spec: PipelineSpec, level: int, target: str | None = None
) -> tuple[np.ndarray, list[RemovalImpact]]:
    """Rebuild the index without each element of ``level`` in turn (COINr ``remove_elements``).

    Returns the nominal ranks of ``target`` (default: the top aggregate) and, per element, the
    new ranks and the mean absolute rank change over units.
    """
    framework = coin.framework
    if not 1 <= level < framework.max_level:
        raise EngineError(f"level must be between 1 and {framework.max_level - 1}")
    target = target or framework.codes_at(framework.max_level)[0]
    nominal = _target_ranks(run_pipeline(coin, spec).table, target, coin.units)
    impacts = []
    for code in framework.codes_at(level):
        reduced = coin.replace_framework(framework.without(code))
        ranks_without = _target_ranks(run_pipeline(reduced, spec).table, target, coin.units)
        change = np.nanmean(np.abs(ranks_without - nominal))
        impacts.append(RemovalImpact(code, float(change), ranks_without))
    return nominal, impacts


def _target_ranks(table: Table, target: str, units: Sequence[str]) -> np.ndarray:
    if target not in table.columns:
        raise EngineError(f"unknown target code '{target}'")
    by_unit = dict(zip(table.units, ranks(table.column(target)[:, None])[:, 0], strict=True))
    return np.array([by_unit.get(u, np.nan) for u in units])
