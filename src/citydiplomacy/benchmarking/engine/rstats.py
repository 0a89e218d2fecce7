"""Column-wise statistics that reproduce R's arithmetic (what COINr relies on).

All functions work on 2-D arrays of shape (units, columns) and treat NaN as R's ``NA``
(missing values are skipped, as with ``na.rm = TRUE``). R accumulates sums in 80-bit
``long double`` and computes ``mean()`` in two passes; doing the same here is what lets the
engine agree with COINr to the last bits rather than merely "closely".
"""

from __future__ import annotations

import math

import numpy as np

LONG = np.longdouble


def as_2d(values: np.ndarray) -> np.ndarray:
    """Return ``values`` as a float 2-D array (a 1-D input becomes one column)."""
    array = np.asarray(values, dtype=float)
    return array.reshape(-1, 1) if array.ndim == 1 else array


def count_present(x: np.ndarray) -> np.ndarray:
    """Number of non-missing values per column."""
    return np.sum(~np.isnan(x), axis=0)


def long_sum(x: np.ndarray) -> np.ndarray:
    """Sequential long-double sum per column, skipping NaN, like R's ``sum(na.rm = TRUE)``."""
    terms = np.ascontiguousarray(np.where(np.isnan(x), 0.0, x), dtype=LONG)
    return sequential_column_sum(terms)


def sequential_column_sum(terms: np.ndarray) -> np.ndarray:
    """Column sums added strictly top to bottom.

    On a C-ordered array NumPy reduces axis 0 row by row (one running total per column), so
    the order is sequential as in R; pairwise summation only applies along contiguous axes.
    """
    return np.add.reduce(np.ascontiguousarray(terms), axis=0)


def r_mean(x: np.ndarray) -> np.ndarray:
    """R's ``mean(x, na.rm = TRUE)`` per column (two-pass, long double); NaN if empty."""
    x = as_2d(x)
    n = count_present(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = long_sum(x) / n
        residual = np.where(np.isnan(x), 0.0, x.astype(LONG) - first)
        correction = sequential_column_sum(residual) / n
        mean = np.where(np.isfinite(first), first + correction, first)
    return np.where(n > 0, mean.astype(float), np.nan)


def r_var(x: np.ndarray) -> np.ndarray:
    """R's ``var(x, na.rm = TRUE)`` per column (denominator n - 1)."""
    x = as_2d(x)
    n = count_present(x)
    deviation = x - r_mean(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (long_sum(deviation * deviation) / (n - 1)).astype(float)


def r_sd(x: np.ndarray) -> np.ndarray:
    """R's ``sd(x, na.rm = TRUE)`` per column."""
    return np.sqrt(r_var(x))


def r_median(x: np.ndarray) -> np.ndarray:
    """R's ``median(x, na.rm = TRUE)`` per column; NaN for an all-missing column."""
    x = as_2d(x)
    out = np.full(x.shape[1], np.nan)
    present = count_present(x) > 0
    if present.any():
        out[present] = np.nanmedian(x[:, present], axis=0)
    return out


def r_min(x: np.ndarray) -> np.ndarray:
    """Column minimum ignoring NaN; NaN for an all-missing column (R would give Inf)."""
    return _nan_extreme(x, np.fmin.reduce)


def r_max(x: np.ndarray) -> np.ndarray:
    """Column maximum ignoring NaN; NaN for an all-missing column."""
    return _nan_extreme(x, np.fmax.reduce)


def _nan_extreme(x: np.ndarray, reducer) -> np.ndarray:
    x = as_2d(x)
    if x.shape[0] == 0:
        return np.full(x.shape[1], np.nan)
    return reducer(x, axis=0)


def _centred_power_sums(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return n, and the long-double sums of d^2, d^3, d^4 with d = x - mean(x)."""
    n = count_present(x).astype(float)
    d = x - r_mean(x)
    d2 = d * d
    # Cubes and fourth powers are formed in long double and rounded once to double, which
    # reproduces C's correctly rounded pow() (what R uses) far faster than powl.
    wide = d.astype(LONG)
    square = wide * wide
    with np.errstate(over="ignore", invalid="ignore"):
        s2 = long_sum(d2).astype(float)
        s3 = long_sum((square * wide).astype(float)).astype(float)
        s4 = long_sum((square * square).astype(float)).astype(float)
    return n, s2, s3, s4


def power(x: np.ndarray, exponent: float) -> np.ndarray:
    """``x ** exponent`` rounded once, like C's ``pow`` that R calls.

    NumPy's vectorised float64 ``power``/``log``/``exp`` may use SIMD approximations that are
    off by an ulp or two; going through long double keeps the result correctly rounded.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return (np.asarray(x, dtype=LONG) ** LONG(exponent)).astype(float)


def log(x: np.ndarray) -> np.ndarray:
    """Natural logarithm, correctly rounded (see :func:`power`)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(np.asarray(x, dtype=LONG)).astype(float)


def skew_kurt(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """COINr ``skew()`` and ``kurt()`` per column in one pass (see :func:`r_skew`)."""
    x = as_2d(x)
    n, s2, s3, s4 = _centred_power_sums(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        skew = np.sqrt(n) * s3 / power(s2, 1.5)
        skew = skew * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * s4 / (s2 * s2)
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 3, skew, np.nan), np.where(n >= 4, kurt, np.nan)


def r_skew(x: np.ndarray) -> np.ndarray:
    """COINr ``skew()`` (e1071 type 2, Excel SKEW) per column; NaN when n < 3."""
    return skew_kurt(x)[0]


def r_kurt(x: np.ndarray) -> np.ndarray:
    """COINr ``kurt()`` (e1071 type 2, Excel KURT, excess kurtosis); NaN when n < 4."""
    return skew_kurt(x)[1]


def rank_min(x: np.ndarray) -> np.ndarray:
    """R's ``rank(x, ties.method = "min", na.last = "keep")`` per column (ascending).

    Tied values share the smallest rank of their block; NaN stays NaN.
    """
    x = as_2d(x)
    n_rows, n_cols = x.shape
    ranks = np.full(x.shape, np.nan)
    if n_rows == 0:
        return ranks
    order = np.argsort(x, axis=0, kind="stable")  # NaN sorts last
    ordered = np.take_along_axis(x, order, axis=0)
    positions = np.arange(1, n_rows + 1, dtype=float)[:, None]
    new_block = np.ones(ordered.shape, dtype=bool)
    new_block[1:] = ordered[1:] != ordered[:-1]
    block_start = np.where(new_block, positions, 0.0)
    block_rank = np.maximum.accumulate(block_start, axis=0)
    block_rank[np.isnan(ordered)] = np.nan
    np.put_along_axis(ranks, order, block_rank, axis=0)
    return ranks if n_cols else ranks.reshape(n_rows, 0)


def rank_descending(x: np.ndarray) -> np.ndarray:
    """Ranks with the highest value first: ``rank(-x, ties.method = "min")``."""
    return rank_min(-as_2d(x))


def quantile7(x: np.ndarray, prob: float, axis: int = 0) -> np.ndarray:
    """R's default ``quantile(type = 7)`` ignoring NaN."""
    with np.errstate(invalid="ignore"):
        return np.nanquantile(x, prob, axis=axis, method="linear")


def r_round(value: float, digits: int) -> float:
    """Round half-even at ``digits`` decimals on the exact decimal value, as R >= 4.0 does."""
    if not math.isfinite(value):
        return value
    return round(value, digits)


def collation_key(text: str) -> tuple[str, str]:
    """Sort key close to R's locale collation (en_US): case-insensitive, lower case first."""
    return text.casefold(), text.swapcase()
