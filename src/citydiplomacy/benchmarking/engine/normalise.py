"""Normalisation methods of COINr (``n_*`` functions), vectorised over columns.

COINr first multiplies each indicator by its Direction and then applies the method, so the
functions here take values that are already direction-adjusted. Targets and goalposts are
given in the indicators' own units and flipped here for Direction -1 indicators, exactly as
COINr's ``f_n_para = "use_iMeta"`` does.
"""

from __future__ import annotations

import numpy as np

from .errors import EngineError
from .rstats import count_present, r_max, r_mean, r_min, r_sd, rank_min

METHODS = (
    "minmax",
    "zscore",
    "rank",
    "borda",
    "prank",
    "fracmax",
    "dist2max",
    "dist2target",
    "goalposts",
    "none",
)


def minmax(x: np.ndarray, lower: float = 0.0, upper: float = 100.0) -> np.ndarray:
    """``(x - min) / (max - min) * (u - l) + l``; a zero range gives NaN."""
    low, high = r_min(x), r_max(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (x - low) / (high - low) * (upper - lower) + lower


def zscore(x: np.ndarray, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
    """``(x - mean(x)) / sd(x) * sd + mean`` with the n - 1 standard deviation."""
    if not sd > 0:
        raise EngineError(f"normalise zscore 'sd' must be positive, got {sd}")
    with np.errstate(invalid="ignore", divide="ignore"):
        return (x - r_mean(x)) / r_sd(x) * sd + mean


def rank(x: np.ndarray) -> np.ndarray:
    """Ranks, lowest value first, ties sharing the smallest rank; NaN stays NaN."""
    return rank_min(x)


def borda(x: np.ndarray) -> np.ndarray:
    """Borda scores: rank - 1."""
    return rank_min(x) - 1


def prank(x: np.ndarray) -> np.ndarray:
    """Percentile ranks ``(rank - 1) / (n_available - 1)``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rank_min(x) - 1) / (count_present(x) - 1)


def fracmax(x: np.ndarray) -> np.ndarray:
    """Fraction of the maximum, ``x / max(x)``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return x / r_max(x)


def dist2max(x: np.ndarray) -> np.ndarray:
    """Distance to the maximum, ``1 - (max - x) / (max - min)``."""
    low, high = r_min(x), r_max(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1 - (high - x) / (high - low)


def dist2target(
    x: np.ndarray, targets: np.ndarray, directions: np.ndarray, cap_max: bool = False
) -> np.ndarray:
    """``(x - min) / (target - min)`` on direction-adjusted data and targets, optionally capped."""
    low = r_min(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (x - low) / (targets * directions - low)
    if cap_max:
        y = np.where(y > 1, 1.0, y)
    return y


def goalposts(
    x: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    scale: np.ndarray,
    directions: np.ndarray,
    trunc: np.ndarray | bool = True,
) -> np.ndarray:
    """``(x - l) / (u - l)``, truncated to [0, 1], times ``scale``; flipped for Direction -1.

    For a Direction -1 indicator this equals ``(x_raw - u) / (l - u)``.
    """
    negative = directions == -1
    low = np.where(negative, upper * directions, lower * directions)
    high = np.where(negative, lower * directions, upper * directions)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (x - low) / (high - low)
    trunc = np.broadcast_to(np.asarray(trunc, dtype=bool), y.shape[1:])
    y = np.where(trunc & (y > 1), 1.0, y)
    y = np.where(trunc & (y < 0), 0.0, y)
    return y * scale


def normalise(x: np.ndarray, directions: np.ndarray, method: str, **params) -> np.ndarray:
    """Apply ``directions`` then the named method to every column of ``x``.

    ``params`` are the method's parameters: ``lower``/``upper`` (minmax), ``mean``/``sd``
    (zscore), ``targets``/``cap_max`` (dist2target), ``lower``/``upper``/``scale``/``trunc``
    (goalposts, per column arrays or scalars).
    """
    adjusted = x * directions
    if method == "minmax":
        return minmax(adjusted, params.get("lower", 0.0), params.get("upper", 100.0))
    if method == "zscore":
        return zscore(adjusted, params.get("mean", 0.0), params.get("sd", 1.0))
    if method == "dist2target":
        return dist2target(adjusted, params["targets"], directions, params.get("cap_max", False))
    if method == "goalposts":
        shape = directions.shape
        return goalposts(
            adjusted,
            np.broadcast_to(params["lower"], shape),
            np.broadcast_to(params["upper"], shape),
            np.broadcast_to(params.get("scale", 1.0), shape),
            directions,
            params.get("trunc", True),
        )
    simple = {
        "rank": rank,
        "borda": borda,
        "prank": prank,
        "fracmax": fracmax,
        "dist2max": dist2max,
        "none": lambda v: v,
    }
    if method not in simple:
        raise EngineError(
            f"unknown normalisation method '{method}' (expected one of {', '.join(METHODS)})"
        )
    return simple[method](adjusted)
