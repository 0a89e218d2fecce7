"""Plan measures that nothing in the register has carried out during a period."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .records import ActivityMeasures


def measures_without_activity(
    measure_ids: Iterable[int],
    activities: Iterable[ActivityMeasures],
    period_start: date,
    period_end: date,
) -> list[int]:
    """The measures (in the order given) with no activity meeting ``[period_start, period_end]``.

    An activity counts for a period when its date range shares at least one day with it; an
    activity linked to several measures counts for each of them. Linked measure ids that are
    not in ``measure_ids`` (e.g. of another plan) are ignored.
    """
    if period_end < period_start:
        raise ValueError(f"period ends ({period_end}) before it starts ({period_start})")
    active: set[int] = set()
    for activity in activities:
        if activity.start <= period_end and activity.end >= period_start:
            active.update(activity.measure_ids)
    return [measure for measure in dict.fromkeys(measure_ids) if measure not in active]
