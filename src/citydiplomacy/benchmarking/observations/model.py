"""Value types shared by every observation parser, and the error they raise."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

#: Eurostat's observation flags (https://ec.europa.eu/eurostat/data/database/information):
#: b break in time series, c confidential, d definition differs, e estimated, f forecast,
#: n not significant, p provisional, r revised, s Eurostat estimate, u low reliability,
#: z not applicable.
EUROSTAT_FLAGS = frozenset("bcdefnprsuz")


class ObservationFormatError(ValueError):
    """A data file cannot be read; the message says what is wrong and where.

    ``line`` is the 1-based line number in the file and ``column`` the column name
    (or year) when they are known, so a user interface can point at the cell.
    """

    def __init__(self, problem: str, *, line: int | None = None, column: str | None = None):
        self.problem = problem
        self.line = line
        self.column = column
        super().__init__(_locate(problem, line, column))


def _locate(problem: str, line: int | None, column: str | None) -> str:
    where = []
    if line is not None:
        where.append(f"line {line}")
    if column is not None:
        where.append(f"column {column}")
    return f"{', '.join(where)}: {problem}" if where else problem


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of one indicator for one city in one year.

    ``value`` is ``None`` when the source marks the value as not available (Eurostat's
    ``:``); ``flags`` keeps the source's flag letters, e.g. ``"p"`` for provisional.
    """

    city_code: str
    indicator_code: str
    year: int
    value: float | None
    flags: str = ""


@dataclass(frozen=True)
class ParsedFile:
    """Everything read from one file: the observations plus what they cover.

    ``dimensions`` maps each dimension of the source (e.g. ``indic_ur``, ``cities``,
    ``freq``) to the codes found for it; ``indicator_dimensions`` says which of them
    were joined with ``.`` to form :attr:`Observation.indicator_code`.
    """

    format: str
    observations: tuple[Observation, ...]
    dimensions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    city_dimension: str = "city"
    indicator_dimensions: tuple[str, ...] = ("indicator",)
    dataset: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Number of observations, missing values included."""
        return len(self.observations)

    @property
    def value_count(self) -> int:
        """Number of observations that carry a value (not ``:``)."""
        return sum(1 for obs in self.observations if obs.value is not None)

    @property
    def cities(self) -> tuple[str, ...]:
        """Distinct city codes, sorted."""
        return tuple(sorted({obs.city_code for obs in self.observations}))

    @property
    def indicators(self) -> tuple[str, ...]:
        """Distinct indicator codes, sorted."""
        return tuple(sorted({obs.indicator_code for obs in self.observations}))

    @property
    def years(self) -> tuple[int, ...]:
        """Distinct years, ascending."""
        return tuple(sorted({obs.year for obs in self.observations}))

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    def __len__(self) -> int:
        return len(self.observations)

    def get(self, city_code: str, indicator_code: str, year: int) -> Observation | None:
        """Return the observation for this city, indicator and year, if the file has one."""
        return self._index.get((city_code, indicator_code, year))

    @cached_property
    def _index(self) -> dict[tuple[str, str, int], Observation]:
        return {(o.city_code, o.indicator_code, o.year): o for o in self.observations}


@dataclass(frozen=True)
class IndicatorMeta:
    """Indicator metadata, as given by a COINr ``iMeta`` table.

    ``type`` is one of COINr's ``Indicator``, ``Aggregate``, ``Group``, ``Denominator``
    or ``Other``; ``direction`` is ``1`` when higher is better and ``-1`` otherwise.
    """

    code: str
    name: str
    type: str
    level: int | None = None
    parent: str | None = None
    direction: int | None = None
    weight: float | None = None
    unit: str | None = None
    target: float | None = None
    denominator: str | None = None
