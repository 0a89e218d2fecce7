"""The Django side of triage: builds the pure module's inputs from the database, runs it and
stores the score, the suggestion and the reasons on the request.

Each input is one or two indexed queries whatever the size of the history: earlier visits are
read for the request's own organisation key only, capacity for the dates it offers only.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from citydiplomacy.core.models import ThemeScheme

from . import triage as engine
from .models import VisitRequest, VisitSettings
from .workflow import HOSTED


def current_settings() -> VisitSettings:
    settings_row = VisitSettings.objects.order_by("pk").first()
    if settings_row is None:
        settings_row = VisitSettings.objects.create()
    return settings_row


def rules(settings_row: VisitSettings | None = None) -> engine.TriageRules:
    settings_row = settings_row or current_settings()
    try:
        return engine.TriageRules.from_dict(settings_row.rules or {})
    except engine.RulesError:
        # Stored rules are validated when saved; a row edited by hand falls back to defaults.
        return engine.TriageRules()


def plan_priorities() -> engine.PlanPriorities:
    """The spearheads and geographic priorities of the plan in force (or the latest one)."""
    from citydiplomacy.plan.models import (
        GeographicPriority,
        Plan,
        PlanStatus,
        ThematicPriority,
    )

    plan = (
        Plan.objects.filter(status__in=PlanStatus.monitored()).order_by("-start_year").first()
        or Plan.objects.order_by("-start_year").first()
    )
    if plan is None:
        return engine.PlanPriorities()
    spearheads = ThematicPriority.objects.filter(
        plan=plan, theme__scheme=ThemeScheme.SPEARHEAD
    ).values_list("theme__code", flat=True)
    countries, cities, regions = {}, {}, {}
    rows = GeographicPriority.objects.filter(plan=plan).values_list(
        "level", "country__code", "city_id", "region_id"
    )
    region_levels = {}
    for level, country, city, region in rows:
        if country:
            countries[country] = min(level, countries.get(country, 3))
        elif city:
            cities[city] = min(level, cities.get(city, 3))
        elif region:
            region_levels[region] = min(level, region_levels.get(region, 3))
    if region_levels:
        from citydiplomacy.core.models import Region

        through = Region.countries.through.objects.filter(region_id__in=region_levels)
        for region_id, code in through.values_list("region_id", "country__code"):
            level = region_levels[region_id]
            regions[code] = min(level, regions.get(code, 3))
    return engine.PlanPriorities(
        spearhead_codes=frozenset(spearheads),
        country_levels=countries,
        city_levels=cities,
        region_country_levels=regions,
    )


def capacity(visit: VisitRequest, max_per_day: int) -> engine.Capacity:
    """Visits the city already hosts on each day of the dates the request offers."""
    options = visit.date_options
    low, high = min(s for s, _ in options), max(e for _, e in options)
    others = (
        VisitRequest.objects.filter(status__in=HOSTED, start_date__lte=high, end_date__gte=low)
        .exclude(pk=visit.pk)
        .values_list("start_date", "end_date")
    )
    by_day: dict[date, int] = {}
    for start, end in others:
        day = max(start, low)
        while day <= min(end, high):
            by_day[day] = by_day.get(day, 0) + 1
            day += timedelta(days=1)
    return engine.Capacity(visits_by_day=by_day, max_visits_per_day=max_per_day)


def history(visit: VisitRequest) -> engine.HistoryIndex:
    """Earlier decided requests of the same organisation (by organisation key)."""
    key = visit.organisation_key or engine.organisation_key(visit.organisation_name)
    rows = (
        VisitRequest.objects.filter(organisation_key=key)
        .exclude(Q(pk=visit.pk) | Q(decision=""))
        .values_list("start_date", "desired_start", "decision")
    )
    return engine.History(
        [(key, start or desired, decision) for start, desired, decision in rows]
    ).index()


def to_request(visit: VisitRequest, theme_codes=None) -> engine.VisitRequest:
    if theme_codes is None:
        theme_codes = [theme.code for theme in visit.themes.all()]
    received = visit.received_at or timezone.now()
    return engine.VisitRequest(
        organisation_name=visit.organisation_name,
        organisation_type=visit.organisation_type,
        country_code=visit.country.code,
        city_id=visit.city_id,
        delegation_size=visit.delegation_size,
        leader_level=visit.leader_level,
        desired_start=visit.desired_start,
        desired_end=visit.desired_end,
        alternative_dates=visit.date_options[1:],
        theme_codes=frozenset(theme_codes),
        purpose=visit.purpose,
        business_potential=visit.business_potential,
        received_on=timezone.localdate(received),
    )


def score(visit: VisitRequest, *, save: bool = True, priorities=None, theme_codes=None):
    """Triage ``visit``, store the result on it (``save``) and return the TriageResult."""
    settings_row = current_settings()
    result = engine.triage(
        to_request(visit, theme_codes),
        priorities or plan_priorities(),
        capacity(visit, settings_row.max_visits_per_day),
        history(visit),
        rules(settings_row),
    )
    visit.score = result.score
    visit.suggestion = result.suggestion
    visit.triage = result.to_dict()
    visit.triaged_at = timezone.now()
    if save and visit.pk:
        VisitRequest.objects.filter(pk=visit.pk).update(
            score=visit.score,
            suggestion=visit.suggestion,
            triage=visit.triage,
            triaged_at=visit.triaged_at,
        )
    return result
