"""The NumPy building blocks, against plain Python."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citydiplomacy.register.radar import arrays
from citydiplomacy.register.radar.arrays import (
    collector_paused,
    dense_codes,
    dense_runs,
    expand_ranges,
    run_starts,
    sort_order,
    sorted_unique,
)
from citydiplomacy.register.radar.sweep import batched_pairs

small_ints = st.lists(st.integers(-5, 5), max_size=30)
# Value ranges of 3 bits (one radix digit), 18 bits (two digits: radix passes for two such
# columns would be four, so the packed sort), 41 bits (too wide to pack: lexsort).
magnitudes = st.sampled_from([5, 2**17, 2**40])


@settings(max_examples=300, deadline=None)
@given(st.data(), magnitudes, magnitudes)
def test_sort_order_is_a_stable_sort_by_columns(data, major_magnitude, minor_magnitude):
    size = data.draw(st.integers(0, 30))

    def column(magnitude):
        values = st.lists(st.integers(-magnitude, magnitude), min_size=size, max_size=size)
        return np.array(data.draw(values), dtype=np.int64)

    major, minor = column(major_magnitude), column(minor_magnitude)
    expected = sorted(range(size), key=lambda i: (major[i], minor[i], i))
    assert sort_order(major, minor).tolist() == expected


@given(st.lists(st.integers(0, 2**17), max_size=30))
def test_sort_order_of_one_column_with_two_radix_digits(values):
    column = np.array(values, dtype=np.int64)
    assert sort_order(column).tolist() == sorted(range(len(values)), key=lambda i: values[i])


@pytest.mark.parametrize("limit", [arrays.FLAG_LIMIT, 0])
@given(values=st.lists(st.integers(0, 50), max_size=30))
def test_sorted_unique_with_flags_or_by_sorting(values, limit):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrays, "FLAG_LIMIT", limit)
        found = sorted_unique(np.array(values, dtype=np.int64), 51)
    assert found.tolist() == sorted(set(values))


@pytest.mark.parametrize("limit", [arrays.FLAG_LIMIT, 0])
@given(values=st.lists(st.integers(-(2**40), 2**40) | st.integers(-3, 3), max_size=30))
def test_dense_codes_number_distinct_values_in_order(values, limit):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(arrays, "FLAG_LIMIT", limit)
        codes, count = dense_codes(np.array(values, dtype=np.int64))
    distinct = sorted(set(values))
    assert codes.tolist() == [distinct.index(v) for v in values]
    assert count == len(distinct)


def test_the_collector_is_paused_and_resumed_only_by_the_outermost_pause():
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_the_collector_resumes_after_an_error():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()


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
