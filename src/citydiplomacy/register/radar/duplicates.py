"""Duplicate findings: the same activity registered twice, by one unit or by two.

Two registrations are duplicates when they share a city or a partner organisation, their date
ranges are at most ``duplicate_gap_days`` apart (0: they share a day), and their titles are at
least ``duplicate_threshold`` similar (:func:`.titles.similarity`).

Blocking keeps this far from all pairs: pairs are only formed inside one key (city or
partner) and only between registrations whose dates meet — the same sorted sweep as for
overlaps. The 128-bit title sketch then rules out, in NumPy, nearly every pair whose titles
cannot be similar; the exact trigram comparison runs on the few that are left.

Duplicates are reported as pairs (each with its similarity): "A and B look like one
activity" is a judgement about two records, and a record entered three times gives three
pairs. A pair sharing several keys is reported once, under the first shared city (lowest
id), else the first shared partner.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date

import numpy as np

from .arrays import INT, collector_paused
from .records import DUPLICATE_KEY_TYPES, Finding, RadarConfig
from .sketches import PairFilter, TitleSketches, sketch_titles
from .sweep import SortedIncidences, batched_pairs, meeting_ends
from .table import ActivityTable
from .titles import jaccard, trigrams


class TrigramCache:
    """Trigram sets of titles, computed once per distinct title."""

    def __init__(self, titles: Sequence[str]):
        self._titles = titles
        self._sets: dict[str, frozenset[str]] = {}

    def of(self, title: str) -> frozenset[str]:
        """The trigram set of ``title``."""
        grams = self._sets.get(title)
        if grams is None:
            grams = self._sets[title] = trigrams(title)
        return grams

    def similarity(self, a: int, b: int) -> float:
        """Title similarity of table rows ``a`` and ``b``."""
        return jaccard(self.of(self._titles[a]), self.of(self._titles[b]))


def find_duplicates(
    table: ActivityTable,
    config: RadarConfig | None = None,
    incidences: Mapping[str, SortedIncidences] | None = None,
    sketches: TitleSketches | None = None,
) -> list[Finding]:
    """All duplicate pairs of ``table``, sorted by :meth:`Finding.sort_key`.

    ``incidences`` (sorted, per key type) and ``sketches`` (of the table's titles) may be
    passed when already computed, e.g. by :func:`.scan` or a :class:`.RadarIndex`.
    """
    config = config or RadarConfig()
    incidences = incidences or {}
    if sketches is None:
        sketches = sketch_titles(table.titles)
    cache = TrigramCache(table.titles)
    found: dict[tuple[int, int], tuple[str, int, float]] = {}
    with collector_paused():
        for key_type in DUPLICATE_KEY_TYPES:
            sorted_incidences = incidences.get(key_type)
            if sorted_incidences is None:
                sorted_incidences = SortedIncidences.of(table, key_type)
            for first, second, key_id in _plausible_pairs(sorted_incidences, config, sketches):
                pair = (first, second) if first < second else (second, first)
                _note(found, pair, key_type, key_id, cache, config.duplicate_threshold)
        return sorted(_findings(table, found), key=Finding.sort_key)


def _note(found, pair, key_type, key_id, cache: TrigramCache, threshold: float) -> None:
    """Record ``pair`` if its titles are similar, under its first shared key."""
    if pair in found:
        # Key types come in order, but keys of one type need not: keep the lowest.
        earlier_type, earlier_key, score = found[pair]
        if earlier_type == key_type and key_id < earlier_key:
            found[pair] = (key_type, key_id, score)
        return
    score = cache.similarity(*pair)
    if score >= threshold:
        found[pair] = (key_type, key_id, score)


#: Incidences with more candidates than this are compared through slices (see PairFilter).
WIDE = 256


def _plausible_pairs(
    incidences: SortedIncidences, config: RadarConfig, sketches: TitleSketches
) -> Iterator[tuple[int, int, int]]:
    """Row pairs (with their key id) that share a key and dates and pass the sketch test."""
    plausible = PairFilter(sketches.take(incidences.rows), config.duplicate_threshold)
    ends = meeting_ends(incidences, config.duplicate_gap_days)
    counts = ends - np.arange(ends.size) - 1
    # Most incidences meet a few others: their pairs go through NumPy in batches. A long
    # project meets thousands; its candidates are one slice, cheaper without index arrays.
    for left, right in batched_pairs(np.flatnonzero((counts > 0) & (counts <= WIDE)), ends):
        kept = plausible(left, right)
        yield from _rows_and_key(incidences, left[kept], right[kept])
    for wide in np.flatnonzero(counts > WIDE).tolist():
        right = plausible.against(wide, wide + 1, int(ends[wide]))
        yield from _rows_and_key(incidences, np.full(right.size, wide), right)


def _rows_and_key(incidences: SortedIncidences, left: np.ndarray, right: np.ndarray):
    return zip(
        incidences.rows[left].tolist(),
        incidences.rows[right].tolist(),
        incidences.key_ids[left].tolist(),
        strict=True,
    )


def _findings(
    table: ActivityTable, found: dict[tuple[int, int], tuple[str, int, float]]
) -> list[Finding]:
    """One :class:`Finding` per duplicate pair of table rows."""
    if not found:
        return []
    pairs = np.array(list(found), dtype=INT)
    a, b = pairs[:, 0], pairs[:, 1]
    ids_a, ids_b = table.ids[a], table.ids[b]
    units_a, units_b = table.unit_ids[a], table.unit_ids[b]
    columns = zip(
        np.minimum(ids_a, ids_b).tolist(),
        np.maximum(ids_a, ids_b).tolist(),
        np.minimum(units_a, units_b).tolist(),
        np.maximum(units_a, units_b).tolist(),
        np.minimum(table.starts[a], table.starts[b]).tolist(),
        np.maximum(table.ends[a], table.ends[b]).tolist(),
        (table.confidential[a] | table.confidential[b]).tolist(),
        found.values(),
        strict=True,
    )
    return [
        Finding(
            "duplicate",
            key_type,
            key_id,
            (id_a, id_b),
            (unit_a,) if unit_a == unit_b else (unit_a, unit_b),
            date.fromordinal(start),
            date.fromordinal(end),
            score,
            secret,
        )
        for id_a, id_b, unit_a, unit_b, start, end, secret, (key_type, key_id, score) in columns
    ]
