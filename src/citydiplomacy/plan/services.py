"""Plan services: which plan is current, the plan tree with rolled-up progress, status updates,
reminders, follower notices and plan versions. Views, the API, commands and tasks call these."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import save_versioned

from . import progress
from .models import (
    GeographicPriority,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Objective,
    Plan,
    PlanStatus,
    StatusUpdate,
    ThematicPriority,
)

# A plan in force wins over one only approved, which wins over a draft.
_STATUS_ORDER = [
    PlanStatus.IN_FORCE,
    PlanStatus.APPROVED,
    PlanStatus.PROPOSED,
    PlanStatus.CONSULTATION,
    PlanStatus.DRAFT,
    PlanStatus.CLOSED,
]


def visible_plans(user):
    return Plan.objects.visible_to(user)


def current_plan(user) -> Plan | None:
    plans = list(visible_plans(user).only("id", "status", "start_year"))
    if not plans:
        return None
    plans.sort(key=lambda p: (_STATUS_ORDER.index(p.status), -p.start_year))
    return get_plan(user, plans[0].pk)


def get_plan(user, pk) -> Plan | None:
    """The plan with its objectives, tools and priorities, in a fixed number of queries."""
    return (
        visible_plans(user)
        .select_related("unit")
        .prefetch_related(
            "objectives",
            "tools",
            "alignment_links",
            Prefetch("thematic_priorities", ThematicPriority.objects.select_related("theme")),
            Prefetch(
                "geographic_priorities",
                GeographicPriority.objects.select_related("region", "country", "city__country"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def visible_measures(user, plan):
    return Measure.objects.visible_to(user).filter(plan=plan)


@dataclass
class MeasureRow:
    """A measure as a row of the plan tree, with what the row shows computed once (a measure
    tied to several objectives appears under each of them; a plan can have hundreds)."""

    measure: Measure
    last_update: date | None
    overdue: bool
    url: str = ""
    status_label: str = ""

    @property
    def label(self) -> str:
        return f"{self.measure.code} {self.measure.title}"

    @property
    def progress_step(self) -> int:
        return round(self.measure.progress / 5)


class _RowFormatter:
    """What is the same for every row, resolved once per page rather than once per row."""

    def __init__(self):
        # One URL resolution for the page; rows substitute their own id.
        self.url_template = reverse("plan:measure", args=[0]).replace("/0/", "/{}/")
        self.status_labels = {value: str(label) for value, label in MeasureStatus.choices}

    def row(self, measure: Measure, overdue: bool) -> MeasureRow:
        return MeasureRow(
            measure,
            measure.last_update,
            overdue,
            url=self.url_template.format(measure.pk),
            status_label=self.status_labels[measure.status],
        )


@dataclass
class ObjectiveNode:
    objective: Objective
    rollup: progress.Rollup
    measures: list[MeasureRow] = field(default_factory=list)


@dataclass
class PlanTree:
    plan: Plan
    rollup: progress.Rollup
    objectives: list[ObjectiveNode]
    unassigned: list[MeasureRow]  # measures tied to no objective

    @property
    def overdue_count(self) -> int:
        rows = [row for node in self.objectives for row in node.measures] + self.unassigned
        return len({row.measure.pk for row in rows if row.overdue})


def plan_tree(user, plan: Plan, today: date | None = None) -> PlanTree:
    """Objectives → measures the user may see, with weighted progress rolled up.

    Three queries whatever the size of the plan: the measures with their responsible units and
    last updates, the measure–objective links, and the objectives (prefetched with the plan).
    """
    today = today or timezone.localdate()
    measures = list(
        visible_measures(user, plan)
        .select_related("unit")
        .annotate(last_update=Max("updates__reported_on"))
        .order_by("code")
    )
    # The measure–objective links as plain pairs: far cheaper than prefetching objects.
    links: dict[int, list[int]] = {}
    pairs = Measure.objectives.through.objects.filter(measure__plan=plan).values_list(
        "measure_id", "objective_id"
    )
    for measure_id, objective_id in pairs:
        links.setdefault(measure_id, []).append(objective_id)
    rows = {}
    states = []
    formatter = _RowFormatter()
    # Updates are due only while the plan is being carried out.
    monitored = plan.status in PlanStatus.monitored()
    for measure in measures:
        objective_ids = tuple(links.get(measure.pk, ()))
        overdue = monitored and measure.is_update_overdue(measure.last_update, today)
        rows[measure.pk] = (formatter.row(measure, overdue), objective_ids)
        states.append(
            progress.MeasureState(
                measure.pk, float(measure.weight), measure.progress, measure.status, objective_ids
            )
        )
    rollups = progress.objective_rollups(states)
    nodes = {
        o.pk: ObjectiveNode(o, rollups.get(o.pk, progress.Rollup())) for o in plan.objectives.all()
    }
    unassigned = []
    for row, objective_ids in rows.values():
        targets = [nodes[i] for i in objective_ids if i in nodes]
        for node in targets:
            node.measures.append(row)
        if not targets:
            unassigned.append(row)
    return PlanTree(plan, progress.plan_rollup(states), list(nodes.values()), unassigned)


def indicators_with_values(plan: Plan, user, measure: Measure | None = None):
    """Indicators of the plan (or of one measure) whose owner the user may see, with values."""
    visible = visible_measures(user, plan).values("pk")
    indicators = Indicator.objects.filter(plan=plan).prefetch_related(
        Prefetch("values", IndicatorValue.objects.order_by("year", "kind"))
    )
    if measure is not None:
        return indicators.filter(measure=measure)
    from django.db.models import Q

    return indicators.filter(Q(measure__isnull=True) | Q(measure__in=visible)).select_related(
        "objective", "measure"
    )


def indicator_series(indicator: Indicator) -> dict:
    """Years with target and actual values, for a chart or a table."""
    years = sorted({v.year for v in indicator.values.all()})
    by_key = {(v.year, v.kind): v.value for v in indicator.values.all()}
    targets = [by_key.get((y, "target")) for y in years]
    actuals = [by_key.get((y, "actual")) for y in years]
    return {
        "years": years,
        "target": targets,
        "actual": actuals,
        "rows": list(zip(years, targets, actuals, strict=True)),
        "baseline": indicator.baseline_value,
        "unit": indicator.unit,
        "direction": indicator.direction,
    }


def updates_in_period(plan: Plan, user, start: date, end: date):
    return (
        StatusUpdate.objects.filter(
            measure__in=visible_measures(user, plan), reported_on__range=(start, end)
        )
        .select_related("measure", "author")
        .order_by("measure__code", "-reported_on")
    )


class StatusUpdateError(ValueError):
    pass


@transaction.atomic
def record_status_update(
    measure: Measure,
    user,
    *,
    status: str,
    progress_percent: int,
    text: str = "",
    reported_on: date | None = None,
) -> StatusUpdate:
    """Record a status update and carry its status and progress to the measure.

    Followers are told when the status changes.
    """
    if not access.can_edit_unit(user, measure.unit):
        raise PermissionError("You cannot update this measure.")
    if status not in MeasureStatus.values:
        raise StatusUpdateError(f"Unknown status {status!r}.")
    if not 0 <= progress_percent <= 100:
        raise StatusUpdateError("Progress must be between 0 and 100.")
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    previous_status = locked.status
    update = StatusUpdate.objects.create(
        measure=locked,
        reported_on=reported_on or timezone.localdate(),
        status=status,
        progress=progress_percent,
        text=text,
        author=user,
    )
    locked.status, locked.progress = status, progress_percent
    save_versioned(locked, expected_version=None)
    if previous_status != status:
        from . import tasks

        transaction.on_commit(lambda: tasks.notify_followers.enqueue(update.pk, previous_status))
    measure.refresh_from_db()
    return update


def set_following(measure: Measure, user, follow: bool) -> None:
    if follow:
        measure.followers.add(user)
    else:
        measure.followers.remove(user)


def overdue_for(user, limit: int = 10) -> list[Measure]:
    """Open measures the user is responsible for updating whose status update is overdue."""
    if not access.can_create(user):
        return []
    today = timezone.localdate()
    candidates = (
        Measure.objects.editable_by(user)
        .exclude(status__in=MeasureStatus.closed())
        .filter(plan__status__in=PlanStatus.monitored())
        .select_related("plan")
        .annotate(last_update=Max("updates__reported_on"))
        .order_by("last_update", "code")
    )
    if not access.is_coordinator(user):
        candidates = candidates.filter(Q(owner=user) | Q(owner__isnull=True))
    overdue = [m for m in candidates if m.is_update_overdue(m.last_update, today)]
    return overdue[:limit]
