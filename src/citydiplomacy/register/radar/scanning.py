"""The full scan: every overlap and duplicate in the register at once."""

from __future__ import annotations

from collections.abc import Iterable

from .arrays import collector_paused
from .duplicates import find_duplicates
from .overlaps import find_overlaps
from .records import KEY_TYPES, ActivityRef, RadarConfig, RadarReport
from .sketches import TitleSketches
from .sweep import SortedIncidences
from .table import ActivityTable


def scan(
    activities: Iterable[ActivityRef] | ActivityTable,
    config: RadarConfig | None = None,
    sketches: TitleSketches | None = None,
) -> RadarReport:
    """Find all overlaps and duplicates among ``activities`` (records or a table).

    ``sketches`` (title sketches of the table's rows) may be passed to reuse the ones a
    :class:`.RadarIndex` already holds.
    """
    config = config or RadarConfig()
    if isinstance(activities, ActivityTable):
        table = activities
    else:
        table = ActivityTable.from_refs(activities)
    with collector_paused():
        # Both searches need the incidences sorted by key and start; sort them once.
        incidences = {key_type: SortedIncidences.of(table, key_type) for key_type in KEY_TYPES}
        return RadarReport(
            overlaps=find_overlaps(table, config, incidences),
            duplicates=find_duplicates(table, config, incidences, sketches),
        )
