"""Columnar activities: the bulk path of the radar.

A million :class:`~.records.ActivityRef` objects cost seconds and hundreds of megabytes, so
the scans work on :class:`ActivityTable`: one NumPy array per field, dates as day numbers
(``date.toordinal()``), and the many-to-many keys (cities, countries, partners) as
*incidences* — parallel arrays of (activity row, key id) pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .arrays import INT
from .records import KEY_TYPES, ActivityRef


def day_number(value: date) -> int:
    """The day number the arrays use for ``value`` (``date.toordinal()``)."""
    return value.toordinal()


def to_date(day: int) -> date:
    """The date of a day number."""
    return date.fromordinal(int(day))


@dataclass(frozen=True)
class KeyIncidence:
    """Which activity rows carry which key ids, one (row, key) pair per element."""

    rows: np.ndarray
    key_ids: np.ndarray

    @classmethod
    def build(cls, rows: Iterable[int], key_ids: Iterable[int], n_rows: int) -> KeyIncidence:
        """Validated, with repeated (row, key) pairs removed and sorted by row then key."""
        rows = np.asarray(rows, dtype=INT).ravel()
        key_ids = np.asarray(key_ids, dtype=INT).ravel()
        if rows.shape != key_ids.shape:
            raise ValueError("incidence rows and key ids differ in length")
        if rows.size and (rows.min() < 0 or rows.max() >= n_rows):
            raise ValueError("incidence row out of range")
        order = np.lexsort((key_ids, rows))
        rows, key_ids = rows[order], key_ids[order]
        keep = np.ones(rows.size, dtype=bool)
        keep[1:] = (rows[1:] != rows[:-1]) | (key_ids[1:] != key_ids[:-1])
        return cls(rows[keep], key_ids[keep])

    def __len__(self) -> int:
        return int(self.rows.size)


@dataclass(frozen=True)
class ActivityTable:
    """All activities as columns; row ``i`` of every array is the same activity."""

    ids: np.ndarray
    unit_ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    titles: Sequence[str]
    confidential: np.ndarray
    incidences: Mapping[str, KeyIncidence]

    def __len__(self) -> int:
        return int(self.ids.size)

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: Iterable[int],
        unit_ids: Iterable[int],
        starts: Iterable[int],
        ends: Iterable[int],
        titles: Sequence[str],
        keys: Mapping[str, tuple[Iterable[int], Iterable[int]]],
        confidential: Iterable[bool] | None = None,
    ) -> ActivityTable:
        """Build from columns; ``starts``/``ends`` are day numbers (``date.toordinal()``).

        ``keys`` maps a key type to ``(rows, key_ids)``; missing key types are empty.
        Raises ``ValueError`` on mismatched lengths, reversed dates or repeated ids.
        """
        ids = np.asarray(ids, dtype=INT)
        n = ids.size
        columns = {
            "unit_ids": np.asarray(unit_ids, dtype=INT),
            "starts": np.asarray(starts, dtype=INT),
            "ends": np.asarray(ends, dtype=INT),
        }
        flags = np.zeros(n, dtype=bool) if confidential is None else np.asarray(confidential)
        for name, column in {**columns, "confidential": flags}.items():
            if column.shape != (n,):
                raise ValueError(f"{name} has {column.size} values for {n} activities")
        if len(titles) != n:
            raise ValueError(f"titles has {len(titles)} values for {n} activities")
        _check_columns(ids, columns["starts"], columns["ends"])
        unknown = set(keys) - set(KEY_TYPES)
        if unknown:
            raise ValueError(f"unknown key type(s): {', '.join(sorted(unknown))}")
        incidences = {
            key_type: KeyIncidence.build(*keys.get(key_type, ((), ())), n_rows=n)
            for key_type in KEY_TYPES
        }
        return cls(
            ids=ids,
            titles=list(titles),
            confidential=flags.astype(bool),
            incidences=incidences,
            **columns,
        )

    @classmethod
    def from_refs(cls, refs: Iterable[ActivityRef]) -> ActivityTable:
        """Build from activity records (the small path: forms, tests, a unit's activities)."""
        refs = list(refs)
        keys = {}
        for key_type in KEY_TYPES:
            pairs = [(row, key) for row, ref in enumerate(refs) for key in ref.keys(key_type)]
            keys[key_type] = ([p[0] for p in pairs], [p[1] for p in pairs])
        return cls.from_arrays(
            ids=[ref.id for ref in refs],
            unit_ids=[ref.unit_id for ref in refs],
            starts=[day_number(ref.start) for ref in refs],
            ends=[day_number(ref.end) for ref in refs],
            titles=[ref.title for ref in refs],
            keys=keys,
            confidential=[ref.confidential for ref in refs],
        )

    def ref(self, row: int) -> ActivityRef:
        """Row ``row`` as an :class:`ActivityRef` (for display and for tests)."""
        key_sets = {}
        for key_type, incidence in self.incidences.items():
            lo, hi = np.searchsorted(incidence.rows, [row, row + 1])
            key_sets[f"{key_type}_ids"] = frozenset(incidence.key_ids[lo:hi].tolist())
        return ActivityRef(
            id=int(self.ids[row]),
            unit_id=int(self.unit_ids[row]),
            title=self.titles[row],
            start=to_date(self.starts[row]),
            end=to_date(self.ends[row]),
            confidential=bool(self.confidential[row]),
            **key_sets,
        )


def _check_columns(ids: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
    reversed_rows = np.flatnonzero(ends < starts)
    if reversed_rows.size:
        raise ValueError(f"activity {ids[reversed_rows[0]]}: end is before start")
    sorted_ids = np.sort(ids)
    repeated = sorted_ids[1:][sorted_ids[1:] == sorted_ids[:-1]]
    if repeated.size:
        raise ValueError(f"activity id {repeated[0]} appears more than once")
