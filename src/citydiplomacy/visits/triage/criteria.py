"""The request-level criteria: themes, geography, delegation, business and earlier visits.

Each function returns the reason(s) for one criterion; every criterion always gives a reason
(sometimes worth 0 points), so the explanation shows everything that was considered.
"""

from __future__ import annotations

from .inputs import HistoryIndex, PlanPriorities, VisitRequest
from .result import Reason, reason
from .rules import TriageRules


def spearhead_reasons(
    request: VisitRequest, plan: PlanPriorities, rules: TriageRules
) -> list[Reason]:
    """One reason per spearhead theme of the request (at most ``max_spearhead_themes``, in
    code order), or one ``no_spearhead`` reason."""
    themes = sorted(request.theme_codes & plan.spearhead_codes)[: rules.max_spearhead_themes]
    if not themes:
        return [reason("no_spearhead", rules.weights.no_spearhead)]
    return [reason("spearhead", rules.weights.spearhead, theme=theme) for theme in themes]


def geography_reason(request: VisitRequest, plan: PlanPriorities, rules: TriageRules) -> Reason:
    """The most specific geographic priority: the city's level, else the country's, else
    that of the country's region. A city deliberately on the watch list inside a
    high-priority country is therefore judged as a watch-list city."""
    points = rules.weights.geography
    country = request.country_code
    if request.city_id is not None and request.city_id in plan.city_levels:
        level = plan.city_levels[request.city_id]
        return reason("geo_city", points[level], level=level, city_id=request.city_id)
    if country in plan.country_levels:
        level = plan.country_levels[country]
        return reason("geo_country", points[level], level=level, country=country)
    if country in plan.region_country_levels:
        level = plan.region_country_levels[country]
        return reason("geo_region", points[level], level=level, country=country)
    return reason("geo_none", rules.weights.no_geographic_priority, country=country)


def leader_reason(request: VisitRequest, rules: TriageRules) -> Reason:
    """Points for the level of the person leading the delegation."""
    level = request.leader_level
    return reason("leader_level", rules.weights.leader_level[level], level=level)


def business_reason(request: VisitRequest, rules: TriageRules) -> Reason:
    """Points for the business potential the requester or the coordinator sees."""
    potential = request.business_potential
    return reason(
        "business_potential", rules.weights.business_potential[potential], potential=potential
    )


def delegation_size_reason(request: VisitRequest, rules: TriageRules) -> Reason:
    """A penalty when the delegation is larger than the city can host centrally."""
    size, maximum = request.delegation_size, rules.large_delegation_size
    if size > maximum:
        penalty = rules.penalties["large_delegation"]
        return reason(
            "large_delegation", penalty.points, hard=penalty.hard, size=size, maximum=maximum
        )
    return reason("delegation_size_ok", 0, size=size)


def repeat_reason(request: VisitRequest, history: HistoryIndex, rules: TriageRules) -> Reason:
    """Earlier visits of the same organisation (matched by :func:`.organisation_key`).

    Only visits with an outcome in ``repeat_outcomes`` count (a declined request was no
    visit). The one nearest the desired start decides: within ``repeat_window_days`` before
    or after it, the request is a repeat visit.
    """
    visits = history.visits_of(request.organisation_name, rules.repeat_outcomes)
    nearest = history.closest(visits, request.desired_start)
    if nearest is None:
        return reason("first_visit", 0)
    previous = nearest.on.isoformat()
    if abs((request.desired_start - nearest.on).days) <= rules.repeat_window_days:
        penalty = rules.penalties["repeat_visit"]
        return reason(
            "repeat_visit",
            penalty.points,
            hard=penalty.hard,
            previous=previous,
            window_days=rules.repeat_window_days,
        )
    return reason("earlier_visit", 0, previous=previous)
