"""Peer selection: which cities are structurally most like the home city.

Each chosen indicator is standardised over all cities in the data (z-score, or a
robust median/MAD variant), so units do not matter. The distance between two cities
is the weighted Euclidean distance over the indicators *both* have, rescaled as if
the missing ones differed as much as the shared ones on average. A city sharing too
few indicators with the home city is listed as excluded with the reason, never
dropped silently. ``docs/benchmarking-data.md`` explains this for users.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

STANDARDISATIONS = ("zscore", "robust")
_MAD_TO_SD = 1.4826  # makes the median absolute deviation comparable to a standard deviation
_IQR_TO_SD = 1.349
_TIE_DIGITS = 9  # distances equal to 9 decimals are ties, broken by city code

Region = Collection[str] | Callable[[str], bool]


class PeerSelectionError(ValueError):
    """The request cannot be answered (unknown city or indicator, conflicting constraints)."""


@dataclass(frozen=True)
class CityMatrix:
    """Cities x indicators for one year; ``NaN`` marks a missing value."""

    cities: tuple[str, ...]
    indicators: tuple[str, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        values = np.array(self.values, dtype=float)  # a private copy the caller cannot change
        if values.shape != (len(self.cities), len(self.indicators)):
            raise PeerSelectionError(
                f"values must have shape {len(self.cities)}x{len(self.indicators)}"
            )
        if len({*self.cities}) < len(self.cities) or len({*self.indicators}) < len(self.indicators):
            raise PeerSelectionError("city and indicator codes must be unique")
        if np.isinf(values).any():
            raise PeerSelectionError("values must be finite numbers or NaN")
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Mapping[str, float | None]], indicators: Sequence[str] | None = None
    ) -> CityMatrix:
        """Build from ``{city: {indicator: value or None}}``; cities are sorted."""
        cities = tuple(sorted(data))
        names = tuple(indicators or sorted({i for row in data.values() for i in row}))
        values = [[_nan_if_none(data[city].get(name)) for name in names] for city in cities]
        return cls(cities, names, np.array(values, dtype=float).reshape(len(cities), len(names)))

    @classmethod
    def from_observations(
        cls, observations: Iterable, year: int, indicators: Sequence[str] | None = None
    ) -> CityMatrix:
        """Build from parsed observations of ``year`` (missing values stay missing)."""
        data: dict[str, dict[str, float | None]] = {}
        for obs in observations:
            if obs.year != year or (indicators and obs.indicator_code not in indicators):
                continue
            row = data.setdefault(obs.city_code, {})
            if obs.indicator_code in row:
                raise PeerSelectionError(f"two values for {obs.city_code} {obs.indicator_code}")
            row[obs.indicator_code] = obs.value
        return cls.from_mapping(data, indicators)


@dataclass(frozen=True)
class Contribution:
    """How one indicator pulls a peer nearer to or further from the home city."""

    indicator: str
    home_value: float | None
    peer_value: float | None
    standardised_difference: float | None  # peer minus home, in standard deviations
    weight: float
    share_of_distance: float | None  # fraction of the squared distance; None if not shared

    @property
    def peer_is(self) -> str:
        """``"higher"``, ``"lower"``, ``"similar"`` or ``"unknown"`` (no shared value)."""
        if self.standardised_difference is None:
            return "unknown"
        if abs(self.standardised_difference) < 0.1:
            return "similar"
        return "higher" if self.standardised_difference > 0 else "lower"


@dataclass(frozen=True)
class Peer:
    """A selected peer city and why it is near."""

    city: str
    rank: int
    distance: float | None
    shared_indicators: int
    contributions: tuple[Contribution, ...]
    forced: bool = False  # chosen by the user (must_include), not by distance
    note: str = ""

    def largest_differences(self, count: int = 3) -> tuple[Contribution, ...]:
        """The indicators that make this peer furthest from the home city."""
        shared = [c for c in self.contributions if c.share_of_distance is not None]
        return tuple(sorted(shared, key=lambda c: (-c.share_of_distance, c.indicator))[:count])


@dataclass(frozen=True)
class ExcludedCity:
    """A city that was not considered, with a machine code and a sentence for users."""

    city: str
    reason: str  # "excluded", "outside_region", "too_few_shared_indicators", "too_few_values"
    detail: str


@dataclass(frozen=True)
class PeerResult:
    """The k nearest cities to ``home``, everything excluded, and how values were scaled."""

    home: str
    peers: tuple[Peer, ...]
    excluded: tuple[ExcludedCity, ...]
    weights: dict[str, float]  # normalised to sum to 1
    standardisation: str
    scaling: dict[str, tuple[float | None, float]]  # indicator -> (centre, scale); 0 = constant
    min_overlap: int


@dataclass(frozen=True)
class _Scaled:
    """Standardised, weighted data for the chosen indicators."""

    matrix: CityMatrix
    columns: list[int]
    z: np.ndarray
    weights: np.ndarray
    centres: np.ndarray
    scales: np.ndarray

    @property
    def names(self) -> list[str]:
        return [self.matrix.indicators[i] for i in self.columns]


def standardise(values: np.ndarray, method: str = "zscore") -> tuple[np.ndarray, ...]:
    """Return ``(z, centres, scales)`` per column, ignoring NaN.

    ``zscore`` uses mean and standard deviation; ``robust`` uses the median and the
    scaled median absolute deviation (then the IQR, then the SD if those are zero),
    so one extreme city does not squeeze all the others together. A constant column
    gets scale 0 and z = 0 wherever it has a value.
    """
    if method not in STANDARDISATIONS:
        raise PeerSelectionError(f"standardisation must be one of {STANDARDISATIONS}")
    values = np.asarray(values, dtype=float)
    centres = np.full(values.shape[1], np.nan)
    scales = np.zeros(values.shape[1])
    for j in range(values.shape[1]):
        column = values[:, j][~np.isnan(values[:, j])]
        if column.size:
            centres[j], scales[j] = _centre_scale(column, method)
    safe = np.where(scales > 0, scales, 1.0)
    z = (values - centres) / safe
    z[:, scales == 0] = np.where(np.isnan(values[:, scales == 0]), np.nan, 0.0)
    return z, centres, scales


def _centre_scale(column: np.ndarray, method: str) -> tuple[float, float]:
    if method == "zscore":
        return float(column.mean()), float(column.std())
    median = float(np.median(column))
    for scale in (
        _MAD_TO_SD * float(np.median(np.abs(column - median))),
        float(np.subtract(*np.percentile(column, [75, 25]))) / _IQR_TO_SD,
        float(column.std()),
    ):
        if scale > 0:
            return median, scale
    return median, 0.0


def _scale(matrix: CityMatrix, weights: Mapping[str, float], method: str) -> _Scaled:
    unknown = sorted(set(weights) - set(matrix.indicators))
    if unknown:
        raise PeerSelectionError(f"unknown indicators: {', '.join(unknown)}")
    if any(not math.isfinite(w) or w < 0 for w in weights.values()):
        raise PeerSelectionError("weights must be finite and not negative")
    chosen = [name for name in matrix.indicators if weights.get(name, 0) > 0]
    if not chosen:
        raise PeerSelectionError("choose at least one indicator with a positive weight")
    columns = [matrix.indicators.index(name) for name in chosen]
    w = np.array([weights[name] for name in chosen], dtype=float)
    z, centres, scales = standardise(matrix.values[:, columns], method)
    return _Scaled(matrix, columns, z, w / w.sum(), centres, scales)


def _distances(scaled: _Scaled, home_row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distances from one city to all, with the per-indicator terms and shared counts."""
    home = scaled.z[home_row]
    shared = ~np.isnan(scaled.z) & ~np.isnan(home)
    terms = np.where(shared, scaled.weights * (scaled.z - home) ** 2, 0.0)
    shared_weight = (shared * scaled.weights).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.sqrt(terms.sum(axis=1) / shared_weight)  # weights sum to 1
    distance[shared_weight == 0] = np.nan
    return distance, terms, shared.sum(axis=1)


def distance_between(
    matrix: CityMatrix,
    a: str,
    b: str,
    weights: Mapping[str, float],
    standardisation: str = "zscore",
) -> float | None:
    """The peer distance between two cities (``None`` if they share no indicator)."""
    scaled = _scale(matrix, weights, standardisation)
    distance, _, _ = _distances(scaled, _row(matrix, a))
    value = distance[_row(matrix, b)]
    return None if np.isnan(value) else float(value)


def _row(matrix: CityMatrix, city: str) -> int:
    try:
        return matrix.cities.index(city)
    except ValueError:
        raise PeerSelectionError(f"unknown city {city!r}") from None


def find_peers(
    matrix: CityMatrix,
    home: str,
    weights: Mapping[str, float],
    k: int,
    *,
    must_include: Collection[str] = (),
    exclude: Collection[str] = (),
    region: Region | None = None,
    standardisation: str = "zscore",
    min_overlap: int | None = None,
) -> PeerResult:
    """Return the ``k`` cities nearest to ``home`` over the weighted indicators.

    ``must_include`` cities are always returned (marked ``forced``), even beyond ``k``;
    ``exclude`` and cities outside ``region`` (a set of codes or a predicate) never
    are. A city must share ``min_overlap`` indicators with the home city (default:
    half of the chosen ones, at least one), else it is reported in ``excluded``.
    """
    if k < 0:
        raise PeerSelectionError("k must not be negative")
    must, exclude = _codes(must_include, "must_include"), _codes(exclude, "exclude")
    scaled = _scale(matrix, weights, standardisation)
    home_row = _row(matrix, home)
    required = _required_overlap(min_overlap, len(scaled.columns))
    _check_constraints(matrix, home, must, exclude)
    _check_home_data(scaled, home_row, home, required)
    distance, terms, shared = _distances(scaled, home_row)
    excluded, eligible = _screen(matrix, home, shared, required, must, exclude, region)
    forced = {matrix.cities.index(city) for city in must}
    ranked = _choose(matrix, distance, eligible, forced, k)
    peers = tuple(
        _peer(scaled, home_row, row, rank, distance, terms, shared, row in forced, required)
        for rank, row in enumerate(ranked, start=1)
    )
    # An indicator nobody has gets centre None (NaN would make equal results compare unequal).
    scaling = [(_value(c), float(s)) for c, s in zip(scaled.centres, scaled.scales, strict=True)]
    return PeerResult(
        home=home,
        peers=peers,
        excluded=tuple(excluded),
        weights=dict(zip(scaled.names, scaled.weights.tolist(), strict=True)),
        standardisation=standardisation,
        scaling=dict(zip(scaled.names, scaling, strict=True)),
        min_overlap=required,
    )


def _choose(matrix: CityMatrix, distance, eligible: list[int], forced: set[int], k: int):
    """The forced rows plus the nearest eligible ones up to ``k``, nearest first."""

    def key(row: int) -> tuple[float, str]:
        return _rank_key(distance[row], matrix.cities[row])

    nearest = sorted(eligible, key=key)[: max(0, k - len(forced))]
    return sorted(forced | set(nearest), key=key)


def _codes(codes: Collection[str], name: str) -> set[str]:
    if isinstance(codes, str):  # a lone code would be read as a set of letters
        raise PeerSelectionError(f"{name} must be a collection of city codes, not a string")
    return set(codes)


def _check_home_data(scaled: _Scaled, home_row: int, home: str, required: int) -> None:
    present = int((~np.isnan(scaled.z[home_row])).sum())
    if present < required:
        raise PeerSelectionError(
            f"{home} has {present} of the {len(scaled.columns)} indicators; "
            f"at least {required} are needed"
        )


def _rank_key(distance: float, city: str) -> tuple[float, str]:
    return (math.inf if np.isnan(distance) else round(float(distance), _TIE_DIGITS), city)


def _required_overlap(min_overlap: int | None, chosen: int) -> int:
    if min_overlap is None:
        return max(1, math.ceil(chosen / 2))
    if not 1 <= min_overlap <= chosen:
        raise PeerSelectionError(f"min_overlap must be between 1 and {chosen}")
    return min_overlap


def _check_constraints(
    matrix: CityMatrix, home: str, must: Collection, exclude: Collection
) -> None:
    unknown = sorted(set(must) - set(matrix.cities))
    if unknown:
        raise PeerSelectionError(f"must_include cities not in the data: {', '.join(unknown)}")
    if home in must or home in exclude:
        raise PeerSelectionError("the home city cannot be included or excluded as a peer")
    both = sorted(set(must) & set(exclude))
    if both:
        raise PeerSelectionError(f"cities both required and excluded: {', '.join(both)}")


def _in_region(region: Region | None, city: str) -> bool:
    if region is None:
        return True
    return region(city) if callable(region) else city in region


def _screen(matrix, home, shared, required, must, exclude, region):
    """Split all cities but home into excluded (with reasons) and eligible rows."""
    excluded, eligible = [], []
    for row, city in enumerate(matrix.cities):
        if city == home or city in must:
            continue
        if city in exclude:
            excluded.append(ExcludedCity(city, "excluded", "excluded by the user"))
        elif not _in_region(region, city):
            excluded.append(ExcludedCity(city, "outside_region", "outside the chosen region"))
        elif shared[row] < required:
            detail = f"shares {int(shared[row])} indicators with {home}; {required} needed"
            excluded.append(ExcludedCity(city, "too_few_shared_indicators", detail))
        else:
            eligible.append(row)
    return excluded, eligible


def _contribution(scaled: _Scaled, home_row: int, row: int, j: int, terms) -> Contribution:
    home_value = _value(scaled.matrix.values[home_row, scaled.columns[j]])
    peer_value = _value(scaled.matrix.values[row, scaled.columns[j]])
    difference = share = None
    if home_value is not None and peer_value is not None:
        difference = float(scaled.z[row, j] - scaled.z[home_row, j])
        total = terms[row].sum()
        share = float(terms[row, j] / total) if total > 0 else 0.0
    weight = float(scaled.weights[j])
    return Contribution(scaled.names[j], home_value, peer_value, difference, weight, share)


def _peer(scaled, home_row, row, rank, distance, terms, shared, forced, required) -> Peer:
    columns = range(len(scaled.columns))
    contributions = tuple(_contribution(scaled, home_row, row, j, terms) for j in columns)
    note = ""
    if forced and shared[row] < required:
        note = f"chosen by the user; shares only {int(shared[row])} indicators with the home city"
    return Peer(
        city=scaled.matrix.cities[row],
        rank=rank,
        distance=_value(distance[row]),
        shared_indicators=int(shared[row]),
        contributions=contributions,
        forced=forced,
        note=note,
    )


def _value(number: float) -> float | None:
    return None if np.isnan(number) else float(number)


def _nan_if_none(value: float | None) -> float:
    return math.nan if value is None else float(value)


@dataclass(frozen=True)
class Clustering:
    """Groups of similar cities (k-means) and the group of the home city."""

    clusters: tuple[tuple[str, ...], ...]
    labels: dict[str, int]
    excluded: tuple[ExcludedCity, ...]
    home: str | None = None

    @property
    def home_cluster(self) -> int | None:
        """Index in :attr:`clusters` of the home city's group."""
        return None if self.home is None else self.labels.get(self.home)

    @property
    def home_members(self) -> tuple[str, ...]:
        """The other cities in the home city's group."""
        if self.home_cluster is None:
            return ()
        return tuple(c for c in self.clusters[self.home_cluster] if c != self.home)


def cluster_cities(
    matrix: CityMatrix,
    weights: Mapping[str, float],
    n_clusters: int,
    *,
    home: str | None = None,
    seed: int = 0,
    standardisation: str = "zscore",
    min_values: int | None = None,
    n_init: int = 10,
) -> Clustering:
    """Group cities with weighted k-means (k-means++ starts from a seeded generator).

    Cities with fewer than ``min_values`` of the chosen indicators (default: half)
    are excluded with the reason; other missing values count as the average city
    (z = 0). Clusters are numbered by their alphabetically first member.
    """
    scaled = _scale(matrix, weights, standardisation)
    if home is not None:
        _row(matrix, home)  # an unknown home city is an error, not an empty answer
    required = _required_overlap(min_values, len(scaled.columns))
    counts = (~np.isnan(scaled.z)).sum(axis=1)
    rows = [row for row in range(len(matrix.cities)) if counts[row] >= required]
    excluded = tuple(
        ExcludedCity(
            city, "too_few_values", f"has {counts[row]} of the indicators; {required} needed"
        )
        for row, city in enumerate(matrix.cities)
        if counts[row] < required
    )
    if not 1 <= n_clusters <= len(rows) or n_init < 1:
        raise PeerSelectionError(f"n_clusters must be between 1 and {len(rows)}, n_init at least 1")
    points = np.nan_to_num(scaled.z[rows], nan=0.0) * np.sqrt(scaled.weights)
    labels = _best_kmeans(points, n_clusters, np.random.default_rng(seed), n_init)
    groups = [
        sorted(matrix.cities[rows[i]] for i in np.flatnonzero(labels == c))
        for c in range(n_clusters)
    ]
    clusters = tuple(tuple(group) for group in sorted(groups) if group)
    return Clustering(
        clusters=clusters,
        labels={city: index for index, group in enumerate(clusters) for city in group},
        excluded=excluded,
        home=home,
    )


def _best_kmeans(points: np.ndarray, k: int, rng: np.random.Generator, n_init: int) -> np.ndarray:
    best_labels, best_inertia = None, math.inf
    for _ in range(n_init):
        labels, inertia = _kmeans(points, _kmeans_plus_plus(points, k, rng))
        if inertia < best_inertia - 1e-12:
            best_labels, best_inertia = labels, inertia
    return best_labels


def _kmeans_plus_plus(points: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Spread the starting centres: each new one is drawn in proportion to squared distance."""
    centres = [points[rng.integers(len(points))]]
    for _ in range(1, k):
        gaps = ((points[:, None, :] - np.array(centres)[None]) ** 2).sum(axis=2).min(axis=1)
        if gaps.sum() == 0:
            centres.append(points[rng.integers(len(points))])
        else:
            centres.append(points[rng.choice(len(points), p=gaps / gaps.sum())])
    return np.array(centres)


def _kmeans(
    points: np.ndarray, centres: np.ndarray, max_iter: int = 100
) -> tuple[np.ndarray, float]:
    labels = np.full(len(points), -1)
    for _ in range(max_iter):
        gaps = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2)
        new_labels = gaps.argmin(axis=1)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for c in range(len(centres)):
            members = points[labels == c]
            # An emptied cluster restarts at the point worst served by its centre.
            centres[c] = members.mean(axis=0) if len(members) else points[gaps.min(axis=1).argmax()]
    inertia = float(((points - centres[labels]) ** 2).sum())
    return labels, inertia
