"""Plan services: which plan is current and what a user may see of it."""

from django.db.models import Prefetch

from .models import GeographicPriority, Plan, PlanStatus, ThematicPriority

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
    """The plan with everything its page shows, in a fixed number of queries."""
    return (
        visible_plans(user)
        .select_related("unit")
        .prefetch_related(
            "objectives",
            "tools",
            Prefetch("thematic_priorities", ThematicPriority.objects.select_related("theme")),
            Prefetch(
                "geographic_priorities",
                GeographicPriority.objects.select_related("region", "country", "city__country"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
