"""Imputation of missing values (COINr ``Impute`` with ``i_mean``/``i_median`` and groups).

Only NaN cells are ever changed. Column imputation replaces each missing value by the mean
or median of its column, optionally computed within groups of units. Row imputation works
unit by unit across indicators (optionally only within the indicator groups of a level), and by
default min-max scales each column to [0, 1] first (after applying directions) and scales back
afterwards, exactly as COINr's ``normalise_first``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import EngineError
from .rstats import r_max, r_mean, r_median, r_min

METHODS = ("mean", "median")


def column_centre(values: np.ndarray, method: str) -> np.ndarray:
    """Mean or median of each column, ignoring NaN (NaN for an all-missing column)."""
    if method == "mean":
        return r_mean(values)
    if method == "median":
        return r_median(values)
    raise EngineError(f"unknown imputation method '{method}' (expected mean or median)")


def impute_columns(
    values: np.ndarray, method: str = "mean", groups: Sequence[str | None] | None = None
) -> np.ndarray:
    """Replace NaN by the column mean/median, within unit groups when ``groups`` is given.

    Units whose group is ``None`` are left untouched (COINr's ``skip_f_na``); a group whose
    column is entirely missing stays missing.
    """
    out = values.copy()
    missing = np.isnan(values)
    if groups is None:
        fill = np.broadcast_to(column_centre(values, method), values.shape)
        out[missing] = fill[missing]
        return out
    labels = np.array([g if g is not None else "" for g in groups], dtype=object)
    known = np.array([g is not None for g in groups])
    if not known.any():
        raise EngineError("the imputation group column has no values")
    for label in dict.fromkeys(labels[known]):
        rows = known & (labels == label)
        block = values[rows]
        fill = np.broadcast_to(column_centre(block, method), block.shape)
        patched = block.copy()
        patched[np.isnan(block)] = fill[np.isnan(block)]
        out[rows] = patched
    return out


def impute_rows(
    values: np.ndarray, method: str = "mean", column_groups: Sequence[str] | None = None
) -> np.ndarray:
    """Replace NaN by the mean/median of the unit's values in the same column group."""
    out = values.copy()
    labels = np.asarray(
        column_groups if column_groups is not None else ["all"] * values.shape[1], dtype=object
    )
    for label in dict.fromkeys(labels.tolist()):
        cols = np.flatnonzero(labels == label)
        block = values[:, cols]
        centre = column_centre(block.T, method)  # a unit's values become one column
        out[:, cols] = np.where(np.isnan(block), centre[:, None], block)
    return out


def impute(
    values: np.ndarray,
    method: str = "mean",
    by: str = "column",
    groups: Sequence[str | None] | None = None,
    column_groups: Sequence[str] | None = None,
    directions: np.ndarray | None = None,
    normalise_first: bool | None = None,
) -> np.ndarray:
    """Impute by column (optionally within unit ``groups``) or by row (within ``column_groups``).

    ``normalise_first`` (default: True for rows, False for columns) applies directions and a
    [0, 1] min-max scaling per column before imputing, and reverses both afterwards.
    """
    if by not in ("column", "row"):
        raise EngineError(f"unknown imputation 'by' value '{by}' (expected column or row)")
    if not np.isnan(values).any():
        return values.copy()
    if normalise_first is None:
        normalise_first = by == "row"
    if directions is None:
        directions = np.ones(values.shape[1])
    work, lows, highs = values, None, None
    if normalise_first:
        work, lows, highs = _minmax_scale(values * directions)
    if by == "row":
        filled = impute_rows(work, method, column_groups)
    else:
        filled = impute_columns(work, method, groups)
    if normalise_first:
        filled = (filled * (highs - lows) + lows) * directions
    out = values.copy()
    missing = np.isnan(values)
    out[missing] = filled[missing]
    return out


def _minmax_scale(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lows, highs = r_min(values), r_max(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (values - lows) / (highs - lows), lows, highs
