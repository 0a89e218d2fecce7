"""Overlap findings: different units heading to the same city, country or partner.

One finding is one connected run of overlapping activities on one key (see :mod:`.sweep`),
not one finding per pair: fifty trips to the same city in one month are one finding listing
fifty activities, not 1,225 pairs.

Country findings that repeat a city finding are dropped: when every activity of a country
component also belongs to one single city component, the city finding already says it (a
trip to Beijing is a trip to China). A country finding remains when it adds something, e.g.
one unit goes to Beijing and another to Shanghai in the same fortnight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from .arrays import (
    collector_paused,
    dense_codes,
    expand_ranges,
    run_starts,
    sort_order,
    sorted_unique,
)
from .records import KEY_TYPES, Finding, RadarConfig, findings_from_columns
from .sweep import SortedIncidences, overlap_labels
from .table import ActivityTable, to_dates


@dataclass(frozen=True)
class Components:
    """The labelled incidences of one key type (only those that overlap something)."""

    key_type: str
    labels: np.ndarray
    rows: np.ndarray
    key_ids: np.ndarray

    @classmethod
    def of(
        cls,
        table: ActivityTable,
        key_type: str,
        window_days: int,
        incidences: SortedIncidences | None = None,
    ) -> Components:
        """Run the sweep for one key type and keep the incidences in a component."""
        if incidences is None:
            incidences = SortedIncidences.of(table, key_type)
        labels = overlap_labels(incidences, window_days)
        kept = labels >= 0
        return cls(key_type, labels[kept], incidences.rows[kept], incidences.key_ids[kept])

    @property
    def count(self) -> int:
        """The number of components (labels are dense)."""
        return int(self.labels.max()) + 1 if self.labels.size else 0

    def sizes(self) -> np.ndarray:
        """The number of activities in each component."""
        return np.bincount(self.labels, minlength=self.count)


def find_overlaps(
    table: ActivityTable,
    config: RadarConfig | None = None,
    incidences: Mapping[str, SortedIncidences] | None = None,
) -> list[Finding]:
    """All overlap findings of ``table``, in :meth:`Finding.sort_key` order.

    ``incidences`` may hold the already sorted incidences per key type (see :func:`.scan`).
    """
    config = config or RadarConfig()
    incidences = incidences or {}
    components = {
        key_type: Components.of(table, key_type, config.window_days, incidences.get(key_type))
        for key_type in KEY_TYPES
    }
    if config.suppress_country_repeats:
        components["country"] = _without_city_repeats(components["country"], components["city"])
    # Components are numbered by key, then start, so the findings come out in report order.
    with collector_paused():
        return [finding for kt in KEY_TYPES for finding in _findings(table, components[kt])]


def _without_city_repeats(country: Components, city: Components) -> Components:
    """Drop the country components whose activities all lie in one city component."""
    covered = _covered_components(country, city)
    kept = ~covered[country.labels]
    remaining = country.labels[kept]
    # Renumber densely so that later steps can count components.
    renumbered = np.cumsum(~covered) - 1
    return Components(
        country.key_type, renumbered[remaining], country.rows[kept], country.key_ids[kept]
    )


def _covered_components(outer: Components, inner: Components) -> np.ndarray:
    """Per ``outer`` component: are all its activities in one ``inner`` component?

    Joins the two incidence lists on the activity row and counts, for every pair
    (outer component, inner component), the activities they share.
    """
    covered = np.zeros(outer.count, dtype=bool)
    if outer.count == 0 or inner.count == 0:
        return covered
    order = sort_order(inner.rows)
    inner_rows, inner_labels = inner.rows[order], inner.labels[order]
    last_row = int(max(inner_rows[-1], outer.rows.max()))
    row_first = np.searchsorted(inner_rows, np.arange(last_row + 2), side="left")
    lo, hi = row_first[outer.rows], row_first[outer.rows + 1]
    outer_labels = np.repeat(outer.labels, hi - lo)
    pairs = outer_labels * inner.count + inner_labels[expand_ranges(lo, hi)]
    pair_values, shared = np.unique(pairs, return_counts=True)
    whole = shared == outer.sizes()[pair_values // inner.count]
    covered[pair_values[whole] // inner.count] = True
    return covered


def _findings(table: ActivityTable, components: Components) -> list[Finding]:
    """One :class:`Finding` per component."""
    if components.count == 0:
        return []
    order = sort_order(components.labels, table.ids[components.rows])
    labels, rows = components.labels[order], components.rows[order]
    firsts = run_starts(labels)
    ids = tuple(table.ids[rows].tolist())  # slices of a tuple are tuples: one copy less
    bounds = np.r_[firsts, labels.size].tolist()
    count = firsts.size
    return findings_from_columns(
        repeat("overlap", count),
        repeat(components.key_type, count),
        components.key_ids[order][firsts].tolist(),
        map(ids.__getitem__, map(slice, bounds[:-1], bounds[1:])),
        _units_per_component(labels, table.unit_ids[rows], count),
        to_dates(np.minimum.reduceat(table.starts[rows], firsts)),
        to_dates(np.maximum.reduceat(table.ends[rows], firsts)),
        repeat(None, count),
        np.logical_or.reduceat(table.confidential[rows], firsts).tolist(),
    )


def _units_per_component(labels: np.ndarray, units: np.ndarray, count: int):
    """The sorted distinct unit ids of each of ``count`` components (dense labels)."""
    codes, n_units = dense_codes(units)
    unit_values = np.empty(n_units, dtype=units.dtype)
    unit_values[codes] = units
    # (component, unit) pairs as one number, deduplicated and sorted in one go.
    pairs = sorted_unique(labels * n_units + codes, count * n_units)
    component, unit_ids = pairs // n_units, tuple(unit_values[pairs % n_units].tolist())
    bounds = np.searchsorted(component, np.arange(count + 1)).tolist()
    return map(unit_ids.__getitem__, map(slice, bounds[:-1], bounds[1:]))
