"""Progress roll-up and status lights: pure functions, no Django.

A measure counts in every objective it is tied to, with its weight. Cancelled measures count
for nothing. An objective's progress is the weighted mean of its measures' progress; the plan's
is the weighted mean over all its measures (each counted once).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

CANCELLED = "cancelled"
CLOSED = {"completed", "cancelled"}


@dataclass(frozen=True)
class MeasureState:
    measure_id: int
    weight: float
    progress: int
    status: str
    objective_ids: tuple[int, ...] = ()


@dataclass
class Rollup:
    progress: float | None = None  # None: nothing to measure yet
    weight: float = 0.0
    status_counts: Counter = field(default_factory=Counter)

    @property
    def light(self) -> str:
        return status_light(self.status_counts)

    @property
    def measure_count(self) -> int:
        return sum(self.status_counts.values())


def status_light(status_counts: Counter) -> str:
    """Red if anything is delayed, amber if anything is at risk, green if work is under way or
    done, grey when nothing has started."""
    if status_counts.get("delayed"):
        return "red"
    if status_counts.get("at_risk"):
        return "amber"
    if status_counts.get("on_track") or status_counts.get("completed"):
        return "green"
    return "grey"


def _weighted(states: Iterable[MeasureState]) -> Rollup:
    rollup = Rollup()
    total = 0.0
    for state in states:
        rollup.status_counts[state.status] += 1
        if state.status == CANCELLED or state.weight <= 0:
            continue
        rollup.weight += state.weight
        total += state.weight * state.progress
    if rollup.weight > 0:
        rollup.progress = total / rollup.weight
    return rollup


def objective_rollups(states: Iterable[MeasureState]) -> dict[int, Rollup]:
    """Progress and status counts per objective id."""
    by_objective: dict[int, list[MeasureState]] = {}
    for state in states:
        for objective_id in state.objective_ids:
            by_objective.setdefault(objective_id, []).append(state)
    return {objective_id: _weighted(group) for objective_id, group in by_objective.items()}


def plan_rollup(states: Iterable[MeasureState]) -> Rollup:
    return _weighted(states)


def is_update_overdue(
    *,
    status: str,
    interval_days: int,
    last_update: date | None,
    created: date,
    today: date,
) -> bool:
    """An open measure is overdue when no update has come within its interval (counted from the
    last update, or from when the measure was created if it has none)."""
    if status in CLOSED:
        return False
    since = last_update or created
    return today - since > timedelta(days=interval_days)
