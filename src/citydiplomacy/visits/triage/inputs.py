"""What triage reads: the request, the plan's priorities, capacity and earlier visits.

All are plain frozen dataclasses; the visits app fills them from its models. They check
themselves on construction, so triage can rely on them ("valid input").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .organisations import organisation_key

#: Leader levels, most senior first.
LEADER_LEVELS = (
    "head_of_state",
    "minister",
    "mayor",
    "ambassador",
    "director",
    "expert",
    "other",
)
#: Business potential, highest first.
BUSINESS_POTENTIALS = ("high", "medium", "low", "none")
#: Geographic priority levels: 1 high, 2 medium, 3 watch.
PRIORITY_LEVELS = (1, 2, 3)

DateRange = tuple[date, date]


def _check_range(name: str, dates: DateRange) -> None:
    start, end = dates
    if end < start:
        raise ValueError(f"{name}: end {end} is before start {start}")


def days_of(dates: DateRange) -> list[date]:
    """Every day of an inclusive date range."""
    start, end = dates
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


@dataclass(frozen=True, kw_only=True)
class VisitRequest:
    """A visit request as the public form records it (keyword arguments only)."""

    organisation_name: str
    organisation_type: str
    country_code: str
    city_id: int | None
    delegation_size: int
    leader_level: str
    desired_start: date
    desired_end: date
    alternative_dates: tuple[DateRange, ...] = ()
    theme_codes: frozenset[str] = frozenset()
    purpose: str = ""
    business_potential: str = "none"
    received_on: date

    def __post_init__(self) -> None:
        # Accept lists and sets from callers but keep the request immutable.
        object.__setattr__(self, "alternative_dates", tuple(map(tuple, self.alternative_dates)))
        object.__setattr__(self, "theme_codes", frozenset(self.theme_codes))
        object.__setattr__(self, "country_code", self.country_code.upper())
        if self.leader_level not in LEADER_LEVELS:
            raise ValueError(f"leader_level: {self.leader_level!r} is not one of {LEADER_LEVELS}")
        if self.business_potential not in BUSINESS_POTENTIALS:
            raise ValueError(
                f"business_potential: {self.business_potential!r} is not one of "
                f"{BUSINESS_POTENTIALS}"
            )
        if self.delegation_size < 1:
            raise ValueError(f"delegation_size: must be at least 1, got {self.delegation_size}")
        _check_range("desired dates", (self.desired_start, self.desired_end))
        for n, dates in enumerate(self.alternative_dates, start=1):
            _check_range(f"alternative dates {n}", dates)

    @property
    def date_options(self) -> tuple[DateRange, ...]:
        """The desired dates followed by the alternatives."""
        return ((self.desired_start, self.desired_end), *self.alternative_dates)


@dataclass(frozen=True)
class PlanPriorities:
    """The plan's thematic and geographic priorities (levels: 1 high, 2 medium, 3 watch).

    ``region_country_levels`` gives each country the level of the priority region it lies
    in (e.g. every Nordic country the level of "the Nordics").
    """

    spearhead_codes: frozenset[str] = frozenset()
    country_levels: Mapping[str, int] = field(default_factory=dict)
    city_levels: Mapping[int, int] = field(default_factory=dict)
    region_country_levels: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spearhead_codes", frozenset(self.spearhead_codes))
        for name in ("country_levels", "region_country_levels"):
            levels = {code.upper(): level for code, level in getattr(self, name).items()}
            object.__setattr__(self, name, levels)
        for name in ("country_levels", "city_levels", "region_country_levels"):
            for key, level in getattr(self, name).items():
                if level not in PRIORITY_LEVELS:
                    raise ValueError(f"{name}[{key!r}]: level must be 1, 2 or 3, got {level!r}")


@dataclass(frozen=True)
class Capacity:
    """How many visits the city already hosts on each day, and how many it can."""

    visits_by_day: Mapping[date, int] = field(default_factory=dict)
    max_visits_per_day: int = 1

    def __post_init__(self) -> None:
        if self.max_visits_per_day < 1:
            raise ValueError(
                f"max_visits_per_day: must be at least 1, got {self.max_visits_per_day}"
            )

    def fits(self, dates: DateRange) -> bool:
        """Is there room for one more visit on every day of ``dates``?"""
        booked = self.visits_by_day
        return all(booked.get(day, 0) < self.max_visits_per_day for day in days_of(dates))


@dataclass(frozen=True)
class PreviousVisit:
    """An earlier visit (or request) of an organisation and how it ended."""

    on: date
    outcome: str


@dataclass(frozen=True)
class HistoryIndex:
    """Earlier visits by organisation key, each list sorted by date. Build with
    :meth:`History.index` once and reuse it for every request."""

    by_organisation: Mapping[str, tuple[PreviousVisit, ...]]

    def visits_of(self, organisation_name: str, outcomes: Iterable[str]) -> list[PreviousVisit]:
        """The organisation's earlier visits with one of ``outcomes``, oldest first."""
        wanted = set(outcomes)
        visits = self.by_organisation.get(organisation_key(organisation_name), ())
        return [visit for visit in visits if visit.outcome in wanted]

    def closest(self, visits: list[PreviousVisit], day: date) -> PreviousVisit | None:
        """The visit nearest to ``day`` (the earlier one on a tie), or None."""
        position = bisect.bisect_left([visit.on for visit in visits], day)
        around = visits[max(position - 1, 0) : position + 1]
        return min(around, key=lambda v: (abs((v.on - day).days), v.on), default=None)


@dataclass(frozen=True)
class History:
    """Earlier visits as ``(organisation name or key, date, outcome)`` triples."""

    previous_visits: tuple[tuple[str, date, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "previous_visits", tuple(map(tuple, self.previous_visits)))

    def index(self) -> HistoryIndex:
        """Group the visits by organisation key and sort them by date (O(n log n), once)."""
        grouped: dict[str, list[PreviousVisit]] = {}
        for name, on, outcome in self.previous_visits:
            grouped.setdefault(organisation_key(name), []).append(PreviousVisit(on, outcome))
        return HistoryIndex(
            {
                key: tuple(sorted(visits, key=lambda v: (v.on, v.outcome)))
                for key, visits in grouped.items()
            }
        )
