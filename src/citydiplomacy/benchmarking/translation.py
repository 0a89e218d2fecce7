"""Translated content fields and change history for benchmarking.

History is registered after translation so the history tables carry every language. The
observations are bulk data and keep no per-row history: each points at the import batch
(data vintage) that last set it, which records who imported which file when.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    PeerSet,
    RankingEntry,
    RankingTarget,
    StatIndicator,
)


@register(StatIndicator)
class StatIndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


for model in (
    StatIndicator,
    ComparisonCity,
    PeerSet,
    CompositeIndex,
    ExternalRanking,
    RankingEntry,
    RankingTarget,
):
    simple_history.register(model)
