"""The interval sweep behind overlap findings, in vectorised form.

For one key type, every (activity, key) incidence becomes an interval ``[start, end]``; the
incidences are sorted by key, then start. Activity *j* overlaps an earlier activity *i* on the
same key when they belong to different units and ``start_j <= end_i + window`` ("*i* still
reaches *j*"). An overlap finding is a connected component of that graph.

A classic sweep walks the sorted intervals keeping the *active set* — the earlier intervals
that still reach the current start. Two facts let NumPy do the walk without a Python loop:

1. Everything in the active set of *j*, plus *j* itself, lies within ``window`` of everything
   else in it (they all reach ``start_j``). So that set is connected as soon as it holds two
   units, and then it is part of one component. We call *j* a **linking** incidence then.
   Whether *j* links is a count: (active items) > (active items of *j*'s own unit), and
   each count is "items before *j*" minus "items whose reach ends before ``start_j``", one
   ``searchsorted`` away.
2. The active sets of two consecutive linking incidences *a* < *b* share an item exactly when
   the furthest reach among items up to *a* is at least ``start_b``; sharing is transitive
   along the sorted order, so components are runs of linking incidences split where that
   prefix maximum falls short. An incidence joins the component of the first linking
   incidence at or after it that it still reaches, or none (it overlaps nothing).

Everything is O(n log n) in the number of incidences; the hypothesis tests compare it with a
brute-force all-pairs reference.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import INT, dense_runs, expand_ranges, first_of_runs, sort_order
from .table import ActivityTable


@dataclass(frozen=True)
class SortedIncidences:
    """The incidences of one key type, sorted by key then start day.

    ``groups`` numbers the keys densely (0, 1, …) in sorted order, so ``groups`` is
    non-decreasing; the other arrays are gathered from the table in the same order.
    """

    key_ids: np.ndarray
    groups: np.ndarray
    rows: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    units: np.ndarray

    def __len__(self) -> int:
        return int(self.rows.size)

    @classmethod
    def of(cls, table: ActivityTable, key_type: str) -> SortedIncidences:
        """Sort the incidences of ``key_type`` (stable, so ties keep row order)."""
        incidence = table.incidences[key_type]
        starts = table.starts[incidence.rows]
        order = sort_order(incidence.key_ids, starts)
        key_ids = incidence.key_ids[order]
        rows = incidence.rows[order]
        return cls(
            key_ids=key_ids,
            groups=dense_runs(key_ids),
            rows=rows,
            starts=starts[order],
            ends=table.ends[rows],
            units=table.unit_ids[rows],
        )


def overlap_labels(incidences: SortedIncidences, window_days: int) -> np.ndarray:
    """Component number of every incidence, or -1 where it overlaps nothing.

    Numbers are dense and follow the sorted order (by key, then first start).
    """
    if len(incidences) == 0:
        return np.zeros(0, dtype=INT)
    base = incidences.starts.min()
    starts = incidences.starts - base
    reach = incidences.ends - base + window_days
    span = int(reach.max()) + 1  # composite keys group * span + day keep groups apart
    groups = incidences.groups
    active_all = _active_before(groups, starts, reach, span)
    active_same = _active_before_same_unit(groups, incidences.units, starts, reach, span)
    linking = active_all > active_same
    return _component_labels(groups, starts, reach, span, linking)


def _active_before(groups: np.ndarray, starts: np.ndarray, reach: np.ndarray, span: int):
    """How many earlier incidences of the same group still reach each incidence's start."""
    first = first_of_runs(groups)
    earlier = np.arange(groups.size, dtype=INT) - first
    # Items that stopped reaching before start_j started before it too, so they are earlier.
    # Within a group the reaches follow the starts but for the longer activities: nearly
    # sorted, which the stable sort (a merge sort that finds runs) handles several times faster.
    reach_sorted = np.sort(groups * span + reach, kind="stable")
    ended = np.searchsorted(reach_sorted, groups * span + starts, side="left") - first
    return earlier - ended


def _active_before_same_unit(groups, units, starts, reach, span) -> np.ndarray:
    """:func:`_active_before` restricted to incidences of the incidence's own unit."""
    # Sorting by (key, unit) with ties in place keeps the (key, start) order in every run.
    order = sort_order(groups, units)
    sub_groups = dense_runs(groups[order], units[order])
    counts = np.empty(groups.size, dtype=INT)
    counts[order] = _active_before(sub_groups, starts[order], reach[order], span)
    return counts


def _component_labels(groups, starts, reach, span, linking) -> np.ndarray:
    """Number the runs of linking incidences and let every incidence join its run."""
    labels = np.full(groups.size, -1, dtype=INT)
    links = np.flatnonzero(linking)
    if links.size == 0:
        return labels
    furthest = np.maximum.accumulate(groups * span + reach) - groups * span
    new_component = np.ones(links.size, dtype=bool)
    new_component[1:] = (groups[links[1:]] != groups[links[:-1]]) | (
        furthest[links[:-1]] < starts[links[1:]]
    )
    component = np.cumsum(new_component) - 1
    positions = np.arange(groups.size)
    following = np.searchsorted(links, positions, side="left")
    has_link = following < links.size
    following = np.minimum(following, links.size - 1)
    link = links[following]
    joins = has_link & (groups[link] == groups) & (starts[link] <= reach)
    labels[joins] = component[following[joins]]
    return labels


def meeting_ends(incidences: SortedIncidences, gap_days: int) -> np.ndarray:
    """For each incidence *i*, the end (exclusive) of the run *i* + 1, *i* + 2, … of later
    incidences on its key whose dates are within ``gap_days`` of its own.

    Later incidences start no earlier, so they meet *i* exactly when they start by
    ``end_i + gap_days``: one binary search on (key, start).
    """
    if len(incidences) == 0:
        return np.zeros(0, dtype=INT)
    base = incidences.starts.min()
    span = int((incidences.ends - base).max()) + gap_days + 1
    composite = incidences.groups * span + (incidences.starts - base)
    limits = incidences.groups * span + (incidences.ends - base) + gap_days
    return np.searchsorted(composite, limits, side="right")


def batched_pairs(items: np.ndarray, ends: np.ndarray, max_pairs: int = 500_000):
    """Yield ``(i, j)`` position arrays: for every ``i`` in ``items`` (ascending), every ``j``
    from ``i + 1`` to ``ends[i] - 1``; at most about ``max_pairs`` pairs a time."""
    # Positions fit 32 bits in any realistic register; half the memory traffic of int64.
    position = np.int32 if ends.size < 2**31 else INT
    items = items.astype(position)
    counts = (ends[items] - items - 1).astype(position)
    totals = np.cumsum(counts, dtype=INT)
    lo = 0
    while lo < items.size:
        done = totals[lo - 1] if lo else 0
        hi = max(int(np.searchsorted(totals, done + max_pairs, side="right")), lo + 1)
        first, per_item = items[lo:hi], counts[lo:hi]
        yield np.repeat(first, per_item), expand_ranges(first + 1, first + 1 + per_item)
        lo = hi
