"""Gathers what the pure ``register.alignment`` module needs from the database.

The activities are those the user may see (``filters.filtered_activities``, so the register's
own filters narrow them too), started within the years asked, not cancelled. Six queries read
them whatever their number: one for the activities' figures and one for each of their links
(themes, objectives of the plan, countries, cities), plus the plan's priorities.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from citydiplomacy.plan import services as plan_services
from citydiplomacy.plan.models import GeographicPriority, Plan, ThematicPriority

from .. import alignment as al
from ..filters import filtered_activities
from ..models import Activity, ActivityStatus


@dataclass
class AlignmentResult:
    plan: Plan
    start: date
    end: date
    result: al.Alignment
    activity_count: int


def labels() -> al.Labels:
    return al.Labels(
        other_theme=_("Other or no theme"),
        no_objective=_("No objective of the plan"),
        elsewhere=_("Elsewhere"),
        no_place=_("Place not given"),
    )


def plan_priorities(plan: Plan) -> al.Priorities:
    """The plan's thematic and geographic priorities and its objectives, as plain values."""
    themes = [
        al.ThemePriority(p.theme_id, p.theme.name, p.level)
        for p in ThematicPriority.objects.filter(plan=plan).select_related("theme")
    ]
    objectives = [
        al.ObjectiveTarget(o.pk, f"{o.number}. {o.title}")
        for o in plan.objectives.order_by("number")
    ]
    places = []
    geographic = (
        GeographicPriority.objects.filter(plan=plan)
        .select_related("region", "country", "city__country")
        .prefetch_related("region__countries")
    )
    for priority in geographic:
        if priority.city_id:
            city = priority.city
            places.append(
                al.PlacePriority(
                    f"city:{city.pk}",
                    city.name,
                    priority.level,
                    "city",
                    city.pk,
                    frozenset({city.country.code}),
                )
            )
        elif priority.country_id:
            code = priority.country.code
            places.append(
                al.PlacePriority(
                    f"country:{code}",
                    priority.country.name,
                    priority.level,
                    "country",
                    None,
                    frozenset({code}),
                )
            )
        else:
            region = priority.region
            codes = frozenset(c.code for c in region.countries.all())
            places.append(
                al.PlacePriority(
                    f"region:{region.code}", region.name, priority.level, "region", None, codes
                )
            )
    return al.Priorities(themes, objectives, places)


def default_years(plan: Plan, today: date | None = None) -> tuple[int, int]:
    """The plan's period once it has ended; otherwise the last three years up to this one."""
    year = (today or timezone.localdate()).year
    if plan.end_year < year:
        return plan.start_year, plan.end_year
    return year - 2, year


def activities_in(user, start: date, end: date, params=None):
    activities, _filter = filtered_activities(user, params if params is not None else QueryDict())
    return activities.filter(start_date__gte=start, start_date__lte=end).exclude(
        status=ActivityStatus.CANCELLED
    )


def rows(activities, plan: Plan, priorities: al.Priorities) -> list[al.Row]:
    """One alignment row per activity (its links read in four queries)."""
    ids = activities.order_by().values("pk")
    links: dict[str, dict[int, set]] = {
        name: defaultdict(set) for name in ("themes", "objectives", "destinations")
    }
    theme_ids = [p.theme for p in priorities.themes]
    through = {
        name: Activity._meta.get_field(name).remote_field.through
        for name in ("themes", "objectives", "countries", "cities")
    }
    if theme_ids:
        for activity_id, theme_id in (
            through["themes"]
            .objects.filter(activity_id__in=ids, theme_id__in=theme_ids)
            .values_list("activity_id", "theme_id")
        ):
            links["themes"][activity_id].add(theme_id)
    for activity_id, objective_id in (
        through["objectives"]
        .objects.filter(activity_id__in=ids, objective__plan=plan)
        .values_list("activity_id", "objective_id")
    ):
        links["objectives"][activity_id].add(objective_id)
    with_city: dict[int, set[str]] = defaultdict(set)
    for activity_id, city_id, code in (
        through["cities"]
        .objects.filter(activity_id__in=ids)
        .values_list("activity_id", "city_id", "city__country__code")
    ):
        links["destinations"][activity_id].add(al.Destination(code, city_id))
        with_city[activity_id].add(code)
    for activity_id, code in (
        through["countries"]
        .objects.filter(activity_id__in=ids)
        .values_list("activity_id", "country__code")
    ):
        if code not in with_city[activity_id]:  # a country is a destination of its own only
            links["destinations"][activity_id].add(al.Destination(code))  # without its cities
    result = []
    figures = activities.order_by().values_list(
        "pk", "start_date", "end_date", "actual_cost", "budget", "senior_participant_count"
    )
    for pk, start, end, actual, budget, seniors in figures:
        cost = actual if actual is not None else budget
        result.append(
            al.Row(
                quarter=al.quarter_of(start.year, start.month),
                themes=frozenset(links["themes"].get(pk, ())),
                objectives=frozenset(links["objectives"].get(pk, ())),
                destinations=frozenset(links["destinations"].get(pk, ())),
                cost=float(cost or 0),
                senior_days=float(seniors * ((end - start).days + 1)),
            )
        )
    return result


def alignment_between(user, plan: Plan, start: date, end: date, params=None) -> AlignmentResult:
    """The alignment with ``plan`` of the activities ``user`` may see that start between
    ``start`` and ``end``, quarter by quarter (each quarter that the range touches)."""
    priorities = plan_priorities(plan)
    activity_rows = rows(activities_in(user, start, end, params), plan, priorities)
    quarters = al.quarters_between(
        (start.year, (start.month - 1) // 3 + 1), (end.year, (end.month - 1) // 3 + 1)
    )
    result = al.align(activity_rows, priorities, quarters, labels())
    return AlignmentResult(plan, start, end, result, len(activity_rows))


def alignment_for(user, plan: Plan, first_year: int, last_year: int, params=None):
    return alignment_between(user, plan, date(first_year, 1, 1), date(last_year, 12, 31), params)


@dataclass
class TableRow:
    label: str
    is_priority: bool
    target: float
    shares: dict  # metric → share or None
    drifts: dict
    amounts: dict


def table_rows(period: al.PeriodResult, dimension: str) -> list[TableRow]:
    return [
        TableRow(
            r.bucket.label, r.bucket.is_priority, r.bucket.target, r.shares, r.drifts, r.amounts
        )
        for r in period.dimensions[dimension]
    ]


def drift_series(result: al.Alignment, dimension: str, metric: str) -> dict:
    """The drift chart's data: percentage points per quarter for each bucket (None where the
    quarter has nothing to share)."""

    def points(value):
        return None if value is None else round(value * 100, 1)

    series = []
    for index, bucket in enumerate(result.buckets[dimension]):
        series.append(
            {
                "name": bucket.label,
                "data": [
                    points(q.dimensions[dimension][index].drifts[metric]) for q in result.quarters
                ],
            }
        )
    return {"quarters": [q.period for q in result.quarters], "series": series}


def visible_plans(user):
    return plan_services.visible_plans(user)


def current_plan(user) -> Plan | None:
    return plan_services.current_plan(user)


def format_share(value: float | None) -> str:
    """A share as a whole percentage in the active language ("–" when undefined)."""
    from citydiplomacy.reports.followup import format_percent

    return format_percent(None if value is None else value * 100)


def format_drift(value: float | None) -> str:
    """Drift in percentage points, signed ("+12 pp", "−5 pp", "0 pp"; "–" when undefined)."""
    if value is None:
        return "–"
    points = round(value * 100)
    sign = "+" if points > 0 else ("−" if points < 0 else "±")
    return _("%(value)s pp") % {"value": f"{sign}{abs(points)}"}


def format_amount(value: float) -> str:
    from django.utils import formats

    return formats.number_format(round(value), 0, use_l10n=True, force_grouping=True)


def drift_class(value: float | None) -> str:
    """A CSS modifier for drifts large enough to notice (10 points or more)."""
    if value is None or abs(value) < 0.1:
        return ""
    return "drift--over" if value > 0 else "drift--under"
