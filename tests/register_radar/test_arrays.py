"""The NumPy building blocks, against plain Python."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.register.radar.arrays import dense_runs, expand_ranges, run_starts, sort_order
from citydiplomacy.register.radar.sweep import batched_pairs

small_ints = st.lists(st.integers(-5, 5), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from([5, 2**40]))
def test_sort_order_is_a_stable_sort_by_columns(data, magnitude):
    # Large magnitudes do not fit the packed int64 and take the lexsort path.
    size = data.draw(st.integers(0, 30))
    column = st.lists(st.integers(-magnitude, magnitude), min_size=size, max_size=size)
    major, minor = (
        np.array(data.draw(column), dtype=np.int64),
        np.array(data.draw(column), dtype=np.int64),
    )
    expected = sorted(range(size), key=lambda i: (major[i], minor[i], i))
    assert sort_order(major, minor).tolist() == expected


@given(small_ints, small_ints)
def test_runs_are_numbered_and_located(first, second):
    size = min(len(first), len(second))
    a, b = np.array(first[:size]), np.array(second[:size])
    pairs = list(zip(a.tolist(), b.tolist(), strict=True))
    starts = [i for i in range(size) if i == 0 or pairs[i] != pairs[i - 1]]
    assert run_starts(a, b).tolist() == starts
    assert dense_runs(a, b).tolist() == [sum(1 for s in starts if s <= i) - 1 for i in range(size)]


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 5)), max_size=20))
def test_expand_ranges_concatenates_aranges(ranges):
    lo = np.array([start for start, _ in ranges], dtype=np.int64)
    hi = lo + np.array([length for _, length in ranges], dtype=np.int64)
    expected = [
        n for start, end in zip(lo.tolist(), hi.tolist(), strict=True) for n in range(start, end)
    ]
    assert expand_ranges(lo, hi).tolist() == expected


@given(st.lists(st.integers(0, 6), max_size=25), st.integers(1, 7))
def test_batched_pairs_cover_every_pair_once_in_batches(reach, max_pairs):
    # ends[i] is how far incidence i reaches (exclusive), never before i + 1 nor past the end.
    n = len(reach)
    ends = np.array([min(i + 1 + r, n) for i, r in enumerate(reach)], dtype=np.int64)
    items = np.flatnonzero(ends > np.arange(n) + 1)
    batches = list(batched_pairs(items, ends, max_pairs=max_pairs))
    pairs = [
        (a, b)
        for left, right in batches
        for a, b in zip(left.tolist(), right.tolist(), strict=True)
    ]
    assert pairs == [(i, j) for i in items.tolist() for j in range(i + 1, int(ends[i]))]
    # A batch exceeds max_pairs only when a single incidence alone has more candidates.
    assert all(left.size <= max_pairs or np.unique(left).size == 1 for left, _ in batches)
