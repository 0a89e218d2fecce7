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

_EPOCH_DAY = date(1970, 1, 1).toordinal()


def day_number(value: date) -> int:
    """The day number the arrays use for ``value`` (``date.toordinal()``)."""
    return value.toordinal()


def to_date(day: int) -> date:
    """The date of a day number."""
    return date.fromordinal(int(day))


def to_dates(days: np.ndarray) -> list[date]:
    """The dates of many day numbers (each distinct date object built once)."""
    if days.size == 0:
        return []
    low, high = int(days.min()), int(days.max())
    if high - low > days.size:
        return list(map(date.fromordinal, days.tolist()))
    calendar = list(map(date.fromordinal, range(low, high + 1)))
    return list(map(calendar.__getitem__, (days - low).tolist()))


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

    @classmethod
    def from_columns(
        cls,
        *,
        ids: Iterable[int],
        unit_ids: Iterable[int],
        starts: Iterable[date | int],
        ends: Iterable[date | int],
        titles: Iterable[str],
        cities: Iterable[tuple[int, int]] | np.ndarray = (),
        countries: Iterable[tuple[int, int]] | np.ndarray = (),
        partners: Iterable[tuple[int, int]] | np.ndarray = (),
        confidential: Iterable[bool] | None = None,
    ) -> ActivityTable:
        """Build from database columns as two kinds of query return them.

        ``ids`` … ``confidential`` are columns of the activity rows (``starts``/``ends`` as
        dates, or day numbers). ``cities``, ``countries`` and ``partners`` are the rows of a
        many-to-many table: ``(activity id, key id)`` pairs, e.g. the result of
        ``values_list("activity_id", "city_id")``, or an array of shape ``(n, 2)``.
        Raises ``ValueError`` on a missing date, a link to an activity that is not among
        ``ids``, and everything :meth:`from_arrays` rejects.
        """
        ids = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=INT)
        by_id = np.argsort(ids, kind="stable")
        _check_unique(ids[by_id])  # before links are matched to activities by id
        keys = {}
        for key_type, links in (("city", cities), ("country", countries), ("partner", partners)):
            pairs = np.asarray(links if isinstance(links, np.ndarray) else list(links), INT)
            if pairs.size == 0:
                pairs = pairs.reshape(0, 2)
            if pairs.ndim != 2 or pairs.shape[1] != 2:
                raise ValueError(f"{key_type} links must be (activity id, {key_type} id) pairs")
            keys[key_type] = (_rows_of(ids, by_id, pairs[:, 0], key_type), pairs[:, 1])
        return cls.from_arrays(
            ids=ids,
            unit_ids=unit_ids if isinstance(unit_ids, np.ndarray) else list(unit_ids),
            starts=_day_numbers(starts, ids, "start"),
            ends=_day_numbers(ends, ids, "end"),
            titles=list(titles),
            keys=keys,
            confidential=None if confidential is None else list(confidential),
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


def _rows_of(ids: np.ndarray, by_id: np.ndarray, linked: np.ndarray, key_type: str) -> np.ndarray:
    """The table rows of the activity ids ``linked`` (``by_id`` sorts ``ids``)."""
    if linked.size == 0:
        return linked
    if ids.size == 0:
        raise ValueError(f"{key_type} link to activity {linked[0]}, which is not among the ids")
    positions = np.minimum(np.searchsorted(ids[by_id], linked), ids.size - 1)
    rows = by_id[positions]
    unknown = np.flatnonzero(ids[rows] != linked)
    if unknown.size:
        missing = linked[unknown[0]]
        raise ValueError(f"{key_type} link to activity {missing}, which is not among the ids")
    return rows


def _day_numbers(values: Iterable[date | int], ids: np.ndarray, name: str) -> np.ndarray:
    """Day numbers of dates (or of day numbers already); a missing date names its activity."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values.astype(INT)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        return values.astype("datetime64[D]").astype(INT) + _EPOCH_DAY
    values = list(values)
    try:  # the usual case: every value a date (or datetime)
        return np.fromiter(map(date.toordinal, values), dtype=INT, count=len(values))
    except TypeError:
        pass
    days = np.empty(len(values), dtype=INT)
    for position, value in enumerate(values):
        if isinstance(value, date):
            days[position] = value.toordinal()
        elif isinstance(value, int | np.integer):
            days[position] = value
        else:
            activity = ids[position] if position < ids.size else f"number {position + 1}"
            raise ValueError(f"activity {activity}: {name} {value!r} is not a date")
    return days


def _check_columns(ids: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> None:
    reversed_rows = np.flatnonzero(ends < starts)
    if reversed_rows.size:
        raise ValueError(f"activity {ids[reversed_rows[0]]}: end is before start")
    _check_unique(np.sort(ids))


def _check_unique(sorted_ids: np.ndarray) -> None:
    repeated = sorted_ids[1:][sorted_ids[1:] == sorted_ids[:-1]]
    if repeated.size:
        raise ValueError(f"activity id {repeated[0]} appears more than once")
