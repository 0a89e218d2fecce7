"""Small NumPy building blocks: sorting by several columns, runs, ranges."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

INT = np.int64


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a scan builds its findings.

    A scan creates ~10⁵ findings holding millions of ids and no reference cycles; the
    collector would otherwise traverse the growing heap again and again (a third of the time
    of building the findings). Nested use is fine: only the outermost call resumes it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Most 16-bit digits :func:`sort_order` sorts by radix passes (each costs about a third of
#: one comparison sort of packed values).
RADIX_DIGITS = 3


def sort_order(*columns: np.ndarray) -> np.ndarray:
    """Positions that sort by ``columns`` (the first is the major key); ties keep their order.

    Narrow columns (a day, a key or a unit: three 16-bit digits in all) are sorted digit by
    digit, least significant first, with NumPy's stable radix sort of 16-bit values — linear
    time. Otherwise the columns and the position are packed into one int64 and sorted by
    value when they fit, which is several times faster than ``np.lexsort``, the last resort.
    """
    n = columns[0].size
    if n == 0:
        return np.zeros(0, dtype=INT)
    shifted = [column.astype(INT) - column.min() for column in columns]
    widths = [int(column.max()).bit_length() for column in shifted]
    if sum(-(-width // 16) for width in widths) <= RADIX_DIGITS:
        return _radix_order(shifted, widths)
    position_bits = (n - 1).bit_length()
    if sum(widths) + position_bits > 62:
        return np.lexsort(columns[::-1])
    packed = np.zeros(n, dtype=INT)
    for column, width in zip(shifted, widths, strict=True):
        packed = (packed << width) | column
    packed = (packed << position_bits) | np.arange(n, dtype=INT)
    return np.sort(packed) & ((1 << position_bits) - 1)


def _radix_order(shifted: list[np.ndarray], widths: list[int]) -> np.ndarray:
    """Stable sort by non-negative columns, one 16-bit digit per pass (LSD radix sort)."""
    digits = [
        ((column >> shift) & 0xFFFF).astype(np.uint16)
        for column, width in zip(shifted, widths, strict=True)
        for shift in range(0, width, 16)[::-1]
    ]
    if not digits:  # every column is constant
        return np.arange(shifted[0].size, dtype=INT)
    # NumPy's stable sort of 16-bit values is a radix sort.
    order = np.argsort(digits[-1], kind="stable")
    for digit in reversed(digits[:-1]):
        order = order[np.argsort(digit[order], kind="stable")]
    return order


#: Largest value range :func:`sorted_unique` marks in a flag array instead of sorting.
FLAG_LIMIT = 1 << 25


def sorted_unique(values: np.ndarray, upper: int) -> np.ndarray:
    """The distinct values of ``values`` (all in ``0 … upper - 1``), ascending.

    For a small ``upper`` a flag per possible value replaces the sort: linear time.
    """
    if upper > FLAG_LIMIT:
        return np.unique(values)
    flags = np.zeros(upper, dtype=bool)
    flags[values] = True
    return np.flatnonzero(flags)


def dense_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Number the distinct values 0, 1, … in ascending order: ``(codes, how many)``."""
    if values.size == 0:
        return np.zeros(0, dtype=INT), 0
    low = int(values.min())
    shifted = values.astype(INT) - low
    upper = int(shifted.max()) + 1
    if upper > FLAG_LIMIT:
        distinct, codes = np.unique(values, return_inverse=True)
        return codes.astype(INT).ravel(), int(distinct.size)
    flags = np.zeros(upper, dtype=bool)
    flags[shifted] = True
    code_of = np.cumsum(flags, dtype=INT) - 1
    return code_of[shifted], int(code_of[-1]) + 1


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
