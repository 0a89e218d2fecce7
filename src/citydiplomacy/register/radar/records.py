"""The radar's plain records: activities in, findings out, and the settings.

Nothing here knows about Django; the register app converts its model rows into
:class:`ActivityRef` (or a columnar :class:`~.table.ActivityTable`) and stores or sends the
:class:`Finding` objects it gets back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from typing import Literal, NamedTuple

#: The kinds of key two activities can share. The order is the order of findings in reports.
KEY_TYPES: tuple[str, ...] = ("city", "country", "partner")
#: The keys that can identify a duplicate registration (a country is too coarse).
DUPLICATE_KEY_TYPES: tuple[str, ...] = ("city", "partner")

KeyType = Literal["city", "country", "partner"]
FindingKind = Literal["overlap", "duplicate"]


@dataclass(frozen=True, slots=True)
class ActivityRef:
    """One activity of the register, reduced to what the radar compares.

    ``start`` and ``end`` are inclusive dates (a one-day event has ``start == end``).
    """

    id: int
    unit_id: int
    title: str
    start: date
    end: date
    city_ids: frozenset[int] = frozenset()
    country_ids: frozenset[int] = frozenset()
    partner_ids: frozenset[int] = frozenset()
    confidential: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"activity {self.id}: end {self.end} is before start {self.start}")

    def keys(self, key_type: str) -> frozenset[int]:
        """The ids of one key type (``"city"``, ``"country"`` or ``"partner"``)."""
        return getattr(self, f"{key_type}_ids")


class Finding(NamedTuple):
    """Something the coordinator and the units concerned should hear about.

    ``activity_ids`` and ``unit_ids`` are sorted ascending; ``start``/``end`` span all the
    activities. ``similarity`` is set for duplicates only. ``confidential`` is true when one of
    the activities is confidential: the caller then tells only coordinators and the owning
    units. (A named tuple rather than a frozen dataclass: a full scan builds ~10⁵ of them and
    a frozen dataclass is several times slower to construct.)
    """

    kind: FindingKind
    key_type: KeyType
    key_id: int
    activity_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]
    start: date
    end: date
    similarity: float | None = None
    confidential: bool = False

    def sort_key(self) -> tuple:
        """Reports list findings by kind, key type, key, date and activities."""
        return (
            self.kind,
            KEY_TYPES.index(self.key_type),
            self.key_id,
            self.start,
            self.activity_ids,
        )


def findings_from_columns(*columns: Iterable) -> list[Finding]:
    """:class:`Finding` objects from one iterable per field, in field order.

    The bulk path of a scan: it fills the tuples directly (as ``Finding._make`` does) instead
    of calling the constructor once per finding, which costs more than the scan's arithmetic.
    """
    if len(columns) != len(Finding._fields):
        raise ValueError(f"{len(columns)} columns for {len(Finding._fields)} finding fields")
    return list(map(tuple.__new__, repeat(Finding), zip(*columns, strict=True)))


@dataclass(frozen=True, slots=True)
class RadarReport:
    """The findings of a full scan or of one incremental check."""

    overlaps: list[Finding] = field(default_factory=list)
    duplicates: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Overlaps followed by duplicates."""
        return [*self.overlaps, *self.duplicates]


@dataclass(frozen=True, slots=True)
class RadarConfig:
    """Settings of the radar (all have working defaults).

    * ``window_days``: two activities of different units sharing a key overlap when the gap
      between their date ranges is at most this many days (14: a trip ending on the 1st and
      one starting on the 15th overlap, one starting on the 16th does not).
    * ``duplicate_threshold``: title similarity (0–1, see :mod:`.titles`) from which two
      registrations sharing a city or partner and dates are the same activity.
    * ``duplicate_gap_days``: how far apart the date ranges of two duplicates may be (0: they
      must share at least one day).
    * ``suppress_country_repeats``: drop a country overlap whose activities a city overlap
      already lists.
    """

    window_days: int = 14
    duplicate_threshold: float = 0.8
    duplicate_gap_days: int = 0
    suppress_country_repeats: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.window_days, int) or self.window_days < 0:
            raise ValueError(f"window_days must be a whole number >= 0, got {self.window_days!r}")
        if not isinstance(self.duplicate_gap_days, int) or self.duplicate_gap_days < 0:
            raise ValueError(
                f"duplicate_gap_days must be a whole number >= 0, got {self.duplicate_gap_days!r}"
            )
        if not 0 < self.duplicate_threshold <= 1:
            raise ValueError(
                f"duplicate_threshold must be in (0, 1], got {self.duplicate_threshold!r}"
            )


@dataclass(frozen=True, slots=True)
class ActivityMeasures:
    """Which plan measures one activity carries out, and when."""

    activity_id: int
    measure_ids: frozenset[int]
    start: date
    end: date
