"""Coordination radar: overlapping activity, duplicate registrations, measures left idle.

Pure Python + NumPy; the register app feeds it activities and turns its findings into
notifications. See ``docs/radar.md``.
"""

from .duplicates import find_duplicates
from .index import RadarIndex, check_one
from .measures import measures_without_activity
from .overlaps import find_overlaps
from .records import (
    KEY_TYPES,
    ActivityMeasures,
    ActivityRef,
    Finding,
    RadarConfig,
    RadarReport,
)
from .scanning import scan
from .sketches import sketch_titles
from .table import ActivityTable, KeyIncidence, day_number, to_date
from .titles import normalise_title, similarity, trigrams

__all__ = [
    "KEY_TYPES",
    "ActivityMeasures",
    "ActivityRef",
    "ActivityTable",
    "Finding",
    "KeyIncidence",
    "RadarConfig",
    "RadarIndex",
    "RadarReport",
    "check_one",
    "day_number",
    "find_duplicates",
    "find_overlaps",
    "measures_without_activity",
    "normalise_title",
    "scan",
    "similarity",
    "sketch_titles",
    "to_date",
    "trigrams",
]
