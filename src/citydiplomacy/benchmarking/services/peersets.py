"""Choosing comparison cities for the home city, explaining the choice and saving it.

Builds the city × indicator matrix of one year from the store (cities only: greater cities,
FUAs and country totals are different territories) and hands it to the pure
``benchmarking.peers`` module; see ``docs/benchmarking-data.md`` for the method.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AreaKind, ComparisonCity, PeerSet, PeerSetMember, StatIndicator
from ..peers import CityMatrix, PeerResult, PeerSelectionError, cluster_cities, find_peers
from . import explain, store

# Structural indicators offered first: size, economy, visitors (weights as suggested defaults).
DEFAULT_WEIGHTS = {"DE1001V": 2.0, "EC2021V": 1.0, "CR2001V": 1.0, "CR2009V": 1.0}
EXCLUSION_REASONS = {
    "excluded": gettext_lazy("excluded by you"),
    "outside_region": gettext_lazy("outside the chosen region"),
    "too_few_shared_indicators": gettext_lazy("too few indicators shared with the home city"),
    "too_few_values": gettext_lazy("too few values"),
}


class PeerSetError(ValueError):
    """The request cannot be answered; the message says why, for the user."""


@dataclass
class PeerRequest:
    home: ComparisonCity
    year: int
    weights: dict[str, float]  # indicator code -> relative weight
    k: int = 10
    must_include: list[ComparisonCity] = field(default_factory=list)
    exclude: list[ComparisonCity] = field(default_factory=list)
    region: object | None = None  # a core.Region
    standardisation: str = "zscore"
    min_overlap: int | None = None

    def parameters(self) -> dict:
        """The request as stored with a peer set (JSON)."""
        return {
            "k": self.k,
            "must_include": [c.pk for c in self.must_include],
            "exclude": [c.pk for c in self.exclude],
            "region": self.region.code if self.region is not None else None,
            "standardisation": self.standardisation,
            "min_overlap": self.min_overlap,
        }


@dataclass
class PeerView:
    """A peer as the screens show it."""

    city: ComparisonCity
    rank: int
    distance: float | None
    forced: bool
    shared: int
    note: str
    contributions: list[dict]
    summary: str = ""
    reasons: list = field(default_factory=list)


@dataclass
class Selection:
    request: PeerRequest
    indicators: list[StatIndicator]
    peers: list[PeerView]
    excluded: list[dict]
    vintage: list[dict]
    city_count: int

    @property
    def notices(self) -> list[str]:
        return store.notices(self.vintage)


def indicator_names(codes) -> dict[str, str]:
    return {i.code: i.name for i in StatIndicator.objects.filter(code__in=list(codes))}


def _matrix(request: PeerRequest) -> tuple[CityMatrix, dict[str, ComparisonCity], list]:
    codes = [code for code, weight in request.weights.items() if weight]
    indicators = list(StatIndicator.objects.filter(code__in=codes).order_by("code"))
    unknown = sorted(set(codes) - {i.code for i in indicators})
    if unknown:
        raise PeerSetError(_("Unknown indicator codes: %(codes)s.") % {"codes": ", ".join(unknown)})
    if not indicators:
        raise PeerSetError(_("Choose at least one indicator with a weight above zero."))
    values = store.values_for([i.pk for i in indicators], request.year, kind=AreaKind.CITY)
    if request.home.pk not in values:
        raise PeerSetError(
            _("%(city)s has no values of these indicators for %(year)s; choose another year.")
            % {"city": request.home.display_name, "year": request.year}
        )
    cities = {
        c.code: c
        for c in ComparisonCity.objects.filter(pk__in=values).select_related("city", "country")
    }
    by_id = {c.pk: c for c in cities.values()}
    names = {i.pk: i.code for i in indicators}
    data = {by_id[pk].code: {names[i]: v for i, v in row.items()} for pk, row in values.items()}
    return CityMatrix.from_mapping(data, [i.code for i in indicators]), cities, indicators


def select_peers(request: PeerRequest) -> Selection:
    """The ``k`` cities nearest to the home city, with explanations and exclusions."""
    matrix, cities, indicators = _matrix(request)
    missing = [c.display_name for c in request.must_include if c.code not in cities]
    if missing:
        raise PeerSetError(
            _("No values for %(year)s for: %(cities)s.")
            % {"year": request.year, "cities": ", ".join(missing)}
        )
    region = None
    if request.region is not None:
        countries = set(request.region.countries.values_list("pk", flat=True))
        region = {code for code, c in cities.items() if c.country_id in countries}
        region.add(request.home.code)
    try:
        result = find_peers(
            matrix,
            request.home.code,
            {i.code: float(request.weights[i.code]) for i in indicators},
            request.k,
            must_include=[c.code for c in request.must_include],
            exclude=[c.code for c in request.exclude if c.code in cities],
            region=region,
            standardisation=request.standardisation,
            min_overlap=request.min_overlap,
        )
    except PeerSelectionError as error:
        raise PeerSetError(str(error)) from None
    names = {i.code: i.name for i in indicators}
    return Selection(
        request=request,
        indicators=indicators,
        peers=[_peer_view(p, cities, names) for p in result.peers],
        excluded=_excluded(result, cities),
        vintage=store.vintage([i.pk for i in indicators], [request.year]),
        city_count=len(cities),
    )


def _peer_view(peer, cities, names) -> PeerView:
    contributions = [
        {
            "indicator": c.indicator,
            "home_value": c.home_value,
            "peer_value": c.peer_value,
            "difference": c.standardised_difference,
            "weight": c.weight,
            "share": c.share_of_distance,
        }
        for c in peer.contributions
    ]
    view = PeerView(
        cities[peer.city],
        peer.rank,
        peer.distance,
        peer.forced,
        peer.shared_indicators,
        peer.note,
        contributions,
    )
    return describe(view, names)


def describe(view, names: dict[str, str]):
    """Add the plain-language summary and reasons (in the active language)."""
    view.summary = explain.summary(view.contributions, names)
    view.reasons = explain.reasons(view.contributions, names)
    return view


def _excluded(result: PeerResult, cities) -> list[dict]:
    return [
        {
            "city": cities[e.city].pk,
            "code": e.city,
            "name": cities[e.city].display_name,
            "reason": e.reason,
            "detail": e.detail,
        }
        for e in result.excluded
    ]


@transaction.atomic
def save_peer_set(selection: Selection, *, name, rationale, unit, visibility, user) -> PeerSet:
    """Store the selection with its rationale, parameters, explanations and data vintage."""
    request = selection.request
    peer_set = PeerSet.objects.create(
        name=name,
        rationale=rationale,
        home=request.home,
        year=request.year,
        weights={i.code: float(request.weights[i.code]) for i in selection.indicators},
        parameters=request.parameters(),
        excluded=selection.excluded,
        vintage=selection.vintage,
        unit=unit,
        visibility=visibility,
        created_by=user,
        modified_by=user,
    )
    PeerSetMember.objects.bulk_create(
        PeerSetMember(
            peer_set=peer_set,
            city=peer.city,
            rank=peer.rank,
            distance=peer.distance,
            forced=peer.forced,
            shared_indicators=peer.shared,
            note=peer.note[:300],
            contributions=peer.contributions,
        )
        for peer in selection.peers
    )
    return peer_set


def saved_peers(peer_set: PeerSet) -> list[PeerView]:
    """The stored peers of a peer set with their explanations."""
    members = peer_set.members.select_related("city__city", "city__country")
    names = indicator_names(peer_set.weights)
    return [
        describe(
            PeerView(
                m.city, m.rank, m.distance, m.forced, m.shared_indicators, m.note, m.contributions
            ),
            names,
        )
        for m in members
    ]


def excluded_by_reason(excluded: list[dict]) -> list[tuple[str, list[dict]]]:
    """Excluded cities grouped by reason, with the reason in words."""
    groups: dict[str, list[dict]] = {}
    for item in excluded:
        groups.setdefault(item["reason"], []).append(item)
    return [(str(EXCLUSION_REASONS.get(r, r)), items) for r, items in sorted(groups.items())]


def peer_cities(peer_set: PeerSet) -> list[ComparisonCity]:
    """The home city followed by the peers, in rank order."""
    members = [m.city for m in peer_set.members.select_related("city__city")]
    return [peer_set.home, *members]


@dataclass
class ClusterView:
    clusters: list[list[ComparisonCity]]
    home_index: int | None
    excluded_count: int


def cluster(request: PeerRequest, n_clusters: int, seed: int = 0) -> ClusterView:
    """Groups of similar cities (k-means on the same weighted z-scores) and the home's group."""
    matrix, cities, indicators = _matrix(request)
    try:
        result = cluster_cities(
            matrix,
            {i.code: float(request.weights[i.code]) for i in indicators},
            n_clusters,
            home=request.home.code,
            seed=seed,
            standardisation=request.standardisation,
        )
    except PeerSelectionError as error:
        raise PeerSetError(str(error)) from None
    groups = [sorted((cities[c] for c in group), key=lambda c: c.name) for group in result.clusters]
    return ClusterView(groups, result.home_cluster, len(result.excluded))
