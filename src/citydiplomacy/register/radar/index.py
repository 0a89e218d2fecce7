"""Incremental check: what does one saved activity overlap or duplicate?

:class:`RadarIndex` is built once from all activities (nightly, or when the register changes
a lot); :func:`check_one` then answers for one activity in about a millisecond. For every
key of the activity it looks at that key's incidences, sorted by start: a binary search
bounds the candidates by date (starts up to the activity's end + window, and from its start
− window − the key's longest activity), a NumPy mask keeps the ones that really meet it.

The answer is the activity's *direct* neighbours: per key, one overlap finding listing the
activity and every activity of another unit within the window, and one duplicate finding
per similar registration. (A full scan reports whole connected runs instead; on every key
the run containing the activity includes these neighbours.) The activity may already be in
the index — when an edit is saved — and is then never compared with its old self.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .arrays import run_starts
from .records import DUPLICATE_KEY_TYPES, KEY_TYPES, ActivityRef, Finding, RadarConfig, RadarReport
from .sketches import TitleSketches, may_be_similar, sketch_titles
from .sweep import SortedIncidences
from .table import ActivityTable, day_number, to_date
from .titles import jaccard, trigrams


@dataclass(frozen=True)
class KeyLookup:
    """The incidences of one key type, sorted by key then start, with each key's slice."""

    slices: dict[int, tuple[int, int, int]]  # key id -> (first, end, longest duration)
    starts: np.ndarray
    ends: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, table: ActivityTable, key_type: str) -> KeyLookup:
        """Sort the incidences of ``key_type`` and record where each key's run lies."""
        incidences = SortedIncidences.of(table, key_type)
        firsts = run_starts(incidences.groups)
        bounds = np.r_[firsts, len(incidences)].tolist()
        longest = np.maximum.reduceat(incidences.ends - incidences.starts, firsts).tolist()
        keys = incidences.key_ids[firsts].tolist()
        slices = {key: (bounds[k], bounds[k + 1], longest[k]) for k, key in enumerate(keys)}
        return cls(slices, incidences.starts, incidences.ends, incidences.rows)

    def meeting(self, key_id: int, first_day: int, last_day: int) -> np.ndarray:
        """Rows on ``key_id`` whose date range meets ``[first_day, last_day]``."""
        found = self.slices.get(key_id)
        if found is None:
            return self.rows[:0]
        lo, hi, longest = found
        starts = self.starts[lo:hi]
        a = lo + int(np.searchsorted(starts, first_day - longest, side="left"))
        b = lo + int(np.searchsorted(starts, last_day, side="right"))
        return self.rows[a:b][self.ends[a:b] >= first_day]


class RadarIndex:
    """All activities, arranged for fast :func:`check_one` calls. Build with :meth:`build`."""

    def __init__(
        self,
        table: ActivityTable,
        config: RadarConfig,
        sketches: TitleSketches,
        lookups: dict[str, KeyLookup],
    ):
        self.table = table
        self.config = config
        self.sketches = sketches
        self.lookups = lookups

    @classmethod
    def build(
        cls, activities: Iterable[ActivityRef] | ActivityTable, config: RadarConfig | None = None
    ) -> RadarIndex:
        """Index ``activities`` (records or an :class:`ActivityTable`)."""
        if isinstance(activities, ActivityTable):
            table = activities
        else:
            table = ActivityTable.from_refs(activities)
        lookups = {key_type: KeyLookup.of(table, key_type) for key_type in KEY_TYPES}
        return cls(table, config or RadarConfig(), sketch_titles(table.titles), lookups)

    def __len__(self) -> int:
        return len(self.table)

    def check_one(self, activity: ActivityRef) -> RadarReport:
        """Overlaps and duplicates of one activity against the index (see :func:`check_one`)."""
        overlaps = [f for kt in KEY_TYPES for f in self._overlaps(activity, kt)]
        if self.config.suppress_country_repeats:
            overlaps = _without_city_repeats(overlaps)
        duplicates = self._duplicates(activity)
        return RadarReport(overlaps=overlaps, duplicates=duplicates)

    def _others(self, activity: ActivityRef, rows: np.ndarray) -> np.ndarray:
        return rows[self.table.ids[rows] != activity.id]

    def _overlaps(self, activity: ActivityRef, key_type: str) -> Iterable[Finding]:
        window = self.config.window_days
        first, last = day_number(activity.start) - window, day_number(activity.end) + window
        for key_id in sorted(activity.keys(key_type)):
            rows = self._others(activity, self.lookups[key_type].meeting(key_id, first, last))
            rows = rows[self.table.unit_ids[rows] != activity.unit_id]
            if rows.size:
                yield self._finding("overlap", activity, rows, key_type, key_id)

    def _duplicates(self, activity: ActivityRef) -> list[Finding]:
        findings = [
            self._finding("duplicate", activity, np.array([row]), key_type, key_id, score)
            for row, (key_type, key_id, score) in self._similar_rows(activity).items()
        ]
        return sorted(findings, key=Finding.sort_key)

    def _similar_rows(self, activity: ActivityRef) -> dict[int, tuple[str, int, float]]:
        """Rows that duplicate ``activity``, each with the first key they share and the score."""
        gap, threshold = self.config.duplicate_gap_days, self.config.duplicate_threshold
        first, last = day_number(activity.start) - gap, day_number(activity.end) + gap
        own_sketch, own_trigrams = sketch_titles([activity.title]), trigrams(activity.title)
        similar: dict[int, tuple[str, int, float]] = {}
        for key_type in DUPLICATE_KEY_TYPES:
            for key_id in sorted(activity.keys(key_type)):
                rows = self._others(activity, self.lookups[key_type].meeting(key_id, first, last))
                rows = rows[may_be_similar(own_sketch, self.sketches.take(rows), threshold)]
                for row in rows.tolist():
                    score = jaccard(own_trigrams, trigrams(self.table.titles[row]))
                    if row not in similar and score >= threshold:
                        similar[row] = (key_type, key_id, score)
        return similar

    def _finding(self, kind, activity, rows, key_type, key_id, similarity=None) -> Finding:
        table = self.table
        return Finding(
            kind=kind,
            key_type=key_type,
            key_id=key_id,
            activity_ids=tuple(sorted([activity.id, *table.ids[rows].tolist()])),
            unit_ids=tuple(sorted({activity.unit_id, *table.unit_ids[rows].tolist()})),
            start=min(activity.start, to_date(table.starts[rows].min())),
            end=max(activity.end, to_date(table.ends[rows].max())),
            similarity=similarity,
            confidential=activity.confidential or bool(table.confidential[rows].any()),
        )


def check_one(new_activity: ActivityRef, index: RadarIndex) -> RadarReport:
    """Overlaps and duplicates of one (new or edited) activity against ``index``.

    Per key, one overlap finding listing the activity with its direct neighbours of other
    units; one duplicate finding per similar registration. Country findings whose
    activities a city finding already lists are dropped (when the index's config says so).
    """
    return index.check_one(new_activity)


def _without_city_repeats(overlaps: list[Finding]) -> list[Finding]:
    city_sets = [set(f.activity_ids) for f in overlaps if f.key_type == "city"]
    return [
        f
        for f in overlaps
        if f.key_type != "country" or not any(set(f.activity_ids) <= c for c in city_sets)
    ]
