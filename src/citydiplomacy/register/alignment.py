"""Plan-vs-activity alignment: where activity, money and senior time go, against the plan.

Pure Python, no Django. The caller gives one ``Row`` per activity and the plan's priorities
(``Priorities``); :func:`align` returns, per quarter and for the whole range, the shares of
activities, cost and senior person-days by theme, objective and place, the plan's target
shares and the drift (actual share − target share).

The rules, shown to users on the alignment page (``docs/travel-register.md`` repeats them):

* **Counting.** An activity with several matching themes (objectives, destinations) is split
  equally between them, so each activity counts once in each dimension and the shares of a
  quarter add up to 100 %.
* **Themes.** Only the plan's thematic priorities have buckets; an activity with none of them
  goes to "Other or no theme".
* **Objectives.** Each objective of the plan has a bucket; "No objective of the plan" takes the
  rest.
* **Places.** Each destination (a city, or a country without a city) goes to the most specific
  geographic priority that covers it: the city itself, else its country, else a region that
  contains the country (the highest priority level first). Destinations covered by no
  priority go to "Elsewhere"; an activity with no destination to "Place not given".
* **Targets.** A priority's target share is its level's weight over the sum of the weights of
  the dimension's priorities: high 3, medium 2, watch 1. Objectives weigh 1 each (the plan
  ranks none above another). "Other", "Elsewhere" and "not given" have target 0, so their share
  is drift away from the plan.
* **Shares** are defined only where the quarter has something to share: a quarter with no
  cost has no cost shares (``None``), not zeros.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: Weights of the plan's priority levels (1 high, 2 medium, 3 watch) in the target shares.
LEVEL_WEIGHTS = {1: 3, 2: 2, 3: 1}
#: Weight of a priority whose level is not one of the above.
DEFAULT_WEIGHT = 1

METRICS = ("activities", "cost", "senior_days")
DIMENSIONS = ("theme", "objective", "place")

# Keys of the buckets outside the plan's priorities.
OTHER_THEME = "theme:other"
NO_OBJECTIVE = "objective:none"
ELSEWHERE = "place:elsewhere"
NO_PLACE = "place:none"


@dataclass(frozen=True)
class Destination:
    """Where an activity goes: a country (ISO code) and, when known, a city (id)."""

    country: str
    city: int | None = None


@dataclass(frozen=True)
class Row:
    """One activity as alignment sees it."""

    quarter: str  # "2024-Q1"
    themes: frozenset[int] = frozenset()
    objectives: frozenset[int] = frozenset()
    destinations: frozenset[Destination] = frozenset()
    cost: float = 0.0
    senior_days: float = 0.0


@dataclass(frozen=True)
class ThemePriority:
    theme: int
    label: str
    level: int = 1


@dataclass(frozen=True)
class ObjectiveTarget:
    objective: int
    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class PlacePriority:
    """A city, a country or a region the plan prioritises.

    ``countries`` holds a country's own code or a region's member countries; ``city`` a city's
    id (with its country in ``countries``).
    """

    key: str  # "region:eu", "country:EE", "city:123"
    label: str
    level: int = 1
    kind: str = "country"  # "city", "country" or "region"
    city: int | None = None
    countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Priorities:
    themes: Sequence[ThemePriority] = ()
    objectives: Sequence[ObjectiveTarget] = ()
    places: Sequence[PlacePriority] = ()


@dataclass(frozen=True)
class Labels:
    """Names of the buckets outside the priorities, already translated by the caller."""

    other_theme: str = "Other or no theme"
    no_objective: str = "No objective of the plan"
    elsewhere: str = "Elsewhere"
    no_place: str = "Place not given"


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    target: float  # the plan's target share, 0–1
    is_priority: bool


@dataclass
class BucketResult:
    bucket: Bucket
    # Per metric: the amount (split activities, euros, person-days), the share (None when the
    # period has nothing of that metric) and the drift (share − target, None likewise).
    amounts: dict[str, float] = field(default_factory=dict)
    shares: dict[str, float | None] = field(default_factory=dict)
    drifts: dict[str, float | None] = field(default_factory=dict)


@dataclass
class PeriodResult:
    """One quarter (or the whole range, ``period == "total"``)."""

    period: str
    totals: dict[str, float]
    dimensions: dict[str, list[BucketResult]]

    @property
    def is_empty(self) -> bool:
        return self.totals["activities"] == 0


@dataclass
class Alignment:
    quarters: list[PeriodResult]
    total: PeriodResult
    buckets: dict[str, list[Bucket]]


def weight_of(level: int) -> float:
    return float(LEVEL_WEIGHTS.get(level, DEFAULT_WEIGHT))


def _targets(items: Sequence[tuple[str, str, float]]) -> list[Bucket]:
    """Buckets with target shares proportional to their weights (all 0 when none weigh)."""
    total = sum(max(weight, 0.0) for _key, _label, weight in items)
    return [
        Bucket(key, label, max(weight, 0.0) / total if total > 0 else 0.0, True)
        for key, label, weight in items
    ]


def buckets_for(priorities: Priorities, labels: Labels = Labels()) -> dict[str, list[Bucket]]:
    """Each dimension's buckets in display order: the priorities, then the rest (target 0)."""
    themes = _targets(
        [(f"theme:{p.theme}", p.label, weight_of(p.level)) for p in _unique_themes(priorities)]
    )
    objectives = _targets(
        [(f"objective:{o.objective}", o.label, o.weight) for o in priorities.objectives]
    )
    places = _targets([(p.key, p.label, weight_of(p.level)) for p in priorities.places])
    return {
        "theme": [*themes, Bucket(OTHER_THEME, labels.other_theme, 0.0, False)],
        "objective": [*objectives, Bucket(NO_OBJECTIVE, labels.no_objective, 0.0, False)],
        "place": [
            *places,
            Bucket(ELSEWHERE, labels.elsewhere, 0.0, False),
            Bucket(NO_PLACE, labels.no_place, 0.0, False),
        ],
    }


def _unique_themes(priorities: Priorities) -> list[ThemePriority]:
    seen, unique = set(), []
    for priority in priorities.themes:
        if priority.theme not in seen:
            seen.add(priority.theme)
            unique.append(priority)
    return unique


class _Assigner:
    """Splits a row between the buckets of each dimension (fractions summing to 1)."""

    def __init__(self, priorities: Priorities):
        self.themes = {p.theme for p in priorities.themes}
        self.objectives = {o.objective for o in priorities.objectives}
        self.by_city: dict[int, PlacePriority] = {}
        self.by_country: dict[str, PlacePriority] = {}
        self.by_region_member: dict[str, PlacePriority] = {}
        ranked = sorted(
            enumerate(priorities.places), key=lambda item: (item[1].level, item[0])
        )  # the highest level first, then the plan's own order
        for _index, place in ranked:
            if place.kind == "city":
                self.by_city.setdefault(place.city, place)
            elif place.kind == "country":
                for code in place.countries:
                    self.by_country.setdefault(code, place)
            else:
                for code in place.countries:
                    self.by_region_member.setdefault(code, place)

    def theme(self, row: Row) -> dict[str, float]:
        matched = sorted(row.themes & self.themes)
        if not matched:
            return {OTHER_THEME: 1.0}
        return dict.fromkeys((f"theme:{t}" for t in matched), 1.0 / len(matched))

    def objective(self, row: Row) -> dict[str, float]:
        matched = sorted(row.objectives & self.objectives)
        if not matched:
            return {NO_OBJECTIVE: 1.0}
        return dict.fromkeys((f"objective:{o}" for o in matched), 1.0 / len(matched))

    def place(self, row: Row) -> dict[str, float]:
        if not row.destinations:
            return {NO_PLACE: 1.0}
        part = 1.0 / len(row.destinations)
        split: dict[str, float] = defaultdict(float)
        for destination in row.destinations:
            split[self._place_key(destination)] += part
        return dict(split)

    def _place_key(self, destination: Destination) -> str:
        if destination.city is not None and destination.city in self.by_city:
            return self.by_city[destination.city].key
        for table in (self.by_country, self.by_region_member):
            if destination.country in table:
                return table[destination.country].key
        return ELSEWHERE


def quarter_of(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    """Every quarter from ``first`` to ``last`` inclusive, each given as (year, quarter 1–4)."""
    (year, quarter), result = first, []
    while (year, quarter) <= last:
        result.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def _metric_values(row: Row) -> tuple[float, float, float]:
    return 1.0, max(float(row.cost), 0.0), max(float(row.senior_days), 0.0)


def _period(name: str, sums: dict[str, list[float]], buckets: dict[str, list[Bucket]]):
    """Shares and drifts of one period from its bucket sums (``sums[key]`` per metric)."""
    totals = dict(zip(METRICS, sums.get("__total__", [0.0, 0.0, 0.0]), strict=True))
    dimensions = {}
    for dimension, dimension_buckets in buckets.items():
        results = []
        for bucket in dimension_buckets:
            amounts = sums.get(bucket.key, [0.0, 0.0, 0.0])
            result = BucketResult(bucket)
            for index, metric in enumerate(METRICS):
                total = totals[metric]
                share = amounts[index] / total if total > 0 else None
                result.amounts[metric] = amounts[index]
                result.shares[metric] = share
                result.drifts[metric] = None if share is None else share - bucket.target
            results.append(result)
        dimensions[dimension] = results
    return PeriodResult(name, totals, dimensions)


def align(
    rows: Iterable[Row],
    priorities: Priorities,
    quarters: Sequence[str] | None = None,
    labels: Labels = Labels(),
) -> Alignment:
    """Shares, targets and drift per quarter (``quarters``: those to report, in order,
    including empty ones; default the quarters that have rows) and for all rows together.

    Rows outside ``quarters`` (when given) are left out of the total as well.
    """
    buckets = buckets_for(priorities, labels)
    assigner = _Assigner(priorities)
    wanted = None if quarters is None else set(quarters)
    # Identical rows are common (a register has many trips to the same place on the same
    # themes); each distinct one is split once.
    grouped: dict[tuple, list[float]] = {}
    for row in rows:
        if wanted is not None and row.quarter not in wanted:
            continue
        signature = (row.quarter, row.themes, row.objectives, row.destinations)
        sums = grouped.setdefault(signature, [0.0, 0.0, 0.0])
        for index, value in enumerate(_metric_values(row)):
            sums[index] += value
    per_quarter: dict[str, dict[str, list[float]]] = defaultdict(dict)
    overall: dict[str, list[float]] = {}
    for (quarter, themes, objectives, destinations), values in grouped.items():
        row = Row(quarter, themes, objectives, destinations)
        for target in (per_quarter[quarter], overall):
            _add(target, "__total__", values, 1.0)
            for split in (assigner.theme(row), assigner.objective(row), assigner.place(row)):
                for key, fraction in split.items():
                    _add(target, key, values, fraction)
    ordered = list(quarters) if quarters is not None else sorted(per_quarter)
    return Alignment(
        quarters=[_period(q, per_quarter.get(q, {}), buckets) for q in ordered],
        total=_period("total", overall, buckets),
        buckets=buckets,
    )


def _add(target: dict[str, list[float]], key: str, values: list[float], fraction: float):
    sums = target.setdefault(key, [0.0, 0.0, 0.0])
    for index, value in enumerate(values):
        sums[index] += value * fraction
