"""The benchmarking REST API: the indicator store (public reference data), peer sets,
composite indices with their results, and the ranking tracker.

Reads of reference data are public; peer sets, indices and rankings are read through
``visible_to``; every write needs a coordinator. Register with :func:`register_routes`.
"""

from .indices import CompositeIndexViewSet, IndexResultViewSet, UncertaintyRunViewSet
from .peers import PeerSetViewSet
from .rankings import ExternalRankingViewSet, RankingEntryViewSet, RankingTargetViewSet
from .store import (
    ComparisonCityViewSet,
    ImportBatchViewSet,
    ObservationViewSet,
    StatIndicatorViewSet,
)

ROUTES = [
    ("benchmarking/indicators", StatIndicatorViewSet, "benchmarking-indicator"),
    ("benchmarking/cities", ComparisonCityViewSet, "benchmarking-city"),
    ("benchmarking/observations", ObservationViewSet, "benchmarking-observation"),
    ("benchmarking/vintages", ImportBatchViewSet, "benchmarking-vintage"),
    ("benchmarking/peer-sets", PeerSetViewSet, "benchmarking-peerset"),
    ("benchmarking/indices", CompositeIndexViewSet, "benchmarking-index"),
    ("benchmarking/index-results", IndexResultViewSet, "benchmarking-indexresult"),
    ("benchmarking/uncertainty-runs", UncertaintyRunViewSet, "benchmarking-uncertaintyrun"),
    ("benchmarking/rankings", ExternalRankingViewSet, "benchmarking-ranking"),
    ("benchmarking/ranking-entries", RankingEntryViewSet, "benchmarking-rankingentry"),
    ("benchmarking/ranking-targets", RankingTargetViewSet, "benchmarking-rankingtarget"),
]


def register_routes(router) -> None:
    """Register every benchmarking viewset on the project's API router."""
    for prefix, viewset, basename in ROUTES:
        router.register(prefix, viewset, basename=basename)


__all__ = [
    "ROUTES",
    "ComparisonCityViewSet",
    "CompositeIndexViewSet",
    "ExternalRankingViewSet",
    "ImportBatchViewSet",
    "IndexResultViewSet",
    "ObservationViewSet",
    "PeerSetViewSet",
    "RankingEntryViewSet",
    "RankingTargetViewSet",
    "StatIndicatorViewSet",
    "UncertaintyRunViewSet",
    "register_routes",
]
