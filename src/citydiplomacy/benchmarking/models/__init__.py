"""Models of comparison cities and benchmarking: the indicator store, peer sets, composite
indices with their results, and the ranking tracker."""

from .analysis import (
    CompositeIndex,
    IndexResult,
    PeerSet,
    PeerSetMember,
    RunStatus,
    UncertaintyRun,
)
from .data import (
    AreaKind,
    ComparisonCity,
    ImportBatch,
    IndicatorCategory,
    IndicatorDirection,
    Observation,
    StatIndicator,
)
from .rankings import ExternalRanking, RankingEntry, RankingTarget

__all__ = [
    "AreaKind",
    "ComparisonCity",
    "CompositeIndex",
    "ExternalRanking",
    "ImportBatch",
    "IndexResult",
    "IndicatorCategory",
    "IndicatorDirection",
    "Observation",
    "PeerSet",
    "PeerSetMember",
    "RankingEntry",
    "RankingTarget",
    "RunStatus",
    "StatIndicator",
    "UncertaintyRun",
]
