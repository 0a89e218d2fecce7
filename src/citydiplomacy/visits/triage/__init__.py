"""Visit triage: scores a visit request against the plan and the city's rules, explains the
score and suggests hosting centrally, redirecting or declining. A coordinator decides.

Pure Python; the visits app builds the inputs from its models. See ``docs/triage.md``.
"""

from .engine import suggest, triage
from .inputs import (
    BUSINESS_POTENTIALS,
    LEADER_LEVELS,
    Capacity,
    History,
    HistoryIndex,
    PlanPriorities,
    PreviousVisit,
    VisitRequest,
)
from .messages import render
from .organisations import organisation_key
from .result import Reason, TriageResult
from .rules import PENALTY_NAMES, Penalty, RulesError, Thresholds, TriageRules, Weights

__all__ = [
    "BUSINESS_POTENTIALS",
    "LEADER_LEVELS",
    "PENALTY_NAMES",
    "Capacity",
    "History",
    "HistoryIndex",
    "Penalty",
    "PlanPriorities",
    "PreviousVisit",
    "Reason",
    "RulesError",
    "Thresholds",
    "TriageResult",
    "TriageRules",
    "VisitRequest",
    "Weights",
    "organisation_key",
    "render",
    "suggest",
    "triage",
]
