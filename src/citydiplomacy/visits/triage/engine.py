"""Triage of one visit request: the score, the suggestion and the explanation."""

from __future__ import annotations

from .criteria import (
    business_reason,
    delegation_size_reason,
    geography_reason,
    leader_reason,
    repeat_reason,
    spearhead_reasons,
)
from .dates import assess_dates, best_assessment, offerable_dates
from .inputs import Capacity, History, HistoryIndex, PlanPriorities, VisitRequest
from .result import Reason, Suggestion, TriageResult
from .rules import TriageRules


def triage(
    request: VisitRequest,
    plan: PlanPriorities,
    capacity: Capacity,
    history: History | HistoryIndex,
    rules: TriageRules | None = None,
) -> TriageResult:
    """Score ``request`` against the plan and the rules and suggest what to do with it.

    Pass ``history.index()`` (built once) rather than the :class:`History` itself when
    triaging many requests: indexing is the only step that grows with the history.
    The result depends on nothing but the arguments.
    """
    rules = rules or TriageRules()
    index = history.index() if isinstance(history, History) else history
    assessments = assess_dates(request, capacity, rules)
    chosen = best_assessment(assessments)
    reasons = (
        *spearhead_reasons(request, plan, rules),
        geography_reason(request, plan, rules),
        leader_reason(request, rules),
        business_reason(request, rules),
        *chosen.reasons,
        delegation_size_reason(request, rules),
        repeat_reason(request, index, rules),
    )
    score = sum(r.points for r in reasons)
    return TriageResult(
        score=score,
        suggestion=suggest(score, reasons, rules),
        reasons=reasons,
        best_dates=offerable_dates(assessments),
        chosen_dates=chosen.dates,
    )


def suggest(score: int, reasons: tuple[Reason, ...], rules: TriageRules) -> Suggestion:
    """Decline on any broken hard rule; otherwise by the score thresholds."""
    if any(r.hard for r in reasons):
        return "decline"
    if score >= rules.thresholds.host_centrally:
        return "host_centrally"
    if score >= rules.thresholds.redirect:
        return "redirect"
    return "decline"
