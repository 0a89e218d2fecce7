"""Small NumPy building blocks: sorting by several columns, runs, ranges."""

from __future__ import annotations

import numpy as np

INT = np.int64


def sort_order(*columns: np.ndarray) -> np.ndarray:
    """Positions that sort by ``columns`` (the first is the major key); ties keep their order.

    When the value ranges allow, the columns and the position are packed into one int64 and
    sorted by value, which is several times faster than ``np.lexsort``.
    """
    n = columns[0].size
    if n == 0:
        return np.zeros(0, dtype=INT)
    shifted = [column.astype(INT) - column.min() for column in columns]
    widths = [int(column.max()).bit_length() for column in shifted]
    position_bits = (n - 1).bit_length()
    if sum(widths) + position_bits > 62:
        return np.lexsort(columns[::-1])
    packed = np.zeros(n, dtype=INT)
    for column, width in zip(shifted, widths, strict=True):
        packed = (packed << width) | column
    packed = (packed << position_bits) | np.arange(n, dtype=INT)
    return np.sort(packed) & ((1 << position_bits) - 1)


def dense_runs(*columns: np.ndarray) -> np.ndarray:
    """Number the runs of equal consecutive values (over all ``columns``) 0, 1, 2, …"""
    n = columns[0].size
    if n == 0:
        return np.zeros(0, dtype=INT)
    changes = np.zeros(n, dtype=INT)
    for column in columns:
        changes[1:] |= column[1:] != column[:-1]
    return np.cumsum(changes)


def run_starts(*columns: np.ndarray) -> np.ndarray:
    """Positions where a run of equal consecutive values (over all ``columns``) begins."""
    n = columns[0].size
    begins = np.zeros(n, dtype=bool)
    begins[:1] = True
    for column in columns:
        begins[1:] |= column[1:] != column[:-1]
    return np.flatnonzero(begins)


def first_of_runs(groups: np.ndarray) -> np.ndarray:
    """For dense run numbers, the position where each element's run begins."""
    return run_starts(groups)[groups]


def expand_ranges(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The concatenation of ``arange(lo[k], hi[k])`` over all k, without a Python loop."""
    lengths = hi - lo
    run_starts = np.repeat(np.cumsum(lengths, dtype=lengths.dtype) - lengths, lengths)
    return np.repeat(lo, lengths) + (np.arange(run_starts.size, dtype=lo.dtype) - run_starts)
