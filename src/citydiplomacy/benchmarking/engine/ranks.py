"""Ranks as COINr reports them: highest score first, ties share the best (smallest) rank."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .rstats import rank_descending
from .table import Table


def ranks(values: np.ndarray) -> np.ndarray:
    """``rank(-x, ties.method = "min", na.last = "keep")`` for every column."""
    return rank_descending(values)


def rank_table(table: Table) -> Table:
    """A table of the same shape holding the ranks of every column."""
    return table.with_values(ranks(table.values))


def group_ranks(values: np.ndarray, groups: Sequence[str | None]) -> np.ndarray:
    """Ranks computed separately within each group of units; units without a group get NaN."""
    out = np.full(values.shape, np.nan)
    labels = np.array([g if g is not None else "" for g in groups], dtype=object)
    known = np.array([g is not None for g in groups])
    for label in dict.fromkeys(labels[known]):
        rows = known & (labels == label)
        out[rows] = ranks(values[rows])
    return out
