"""Plan versions: a new version copies the current one; a comparison says what changed.

``snapshot`` turns a plan into plain data keyed by stable identities (objective and tool numbers,
measure codes, indicator codes, priority places); ``diff`` compares two snapshots and needs no
database, so it is easy to test.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import (
    AlignmentLink,
    GeographicPriority,
    Indicator,
    IndicatorValue,
    Measure,
    Objective,
    Plan,
    PlanStatus,
    ThematicPriority,
    Tool,
)

_TRANSLATED = ("fi", "sv", "en")


def _texts(record, field) -> dict:
    return {lang: getattr(record, f"{field}_{lang}") or "" for lang in _TRANSLATED}


def snapshot(plan: Plan) -> dict[str, dict[str, dict]]:
    """The plan's content as {section: {identity: {field: value}}}."""
    measures = plan.measures.prefetch_related("objectives", "tools").select_related("unit")
    return {
        "plan": {
            "plan": {
                "title": _texts(plan, "title"),
                "summary": _texts(plan, "summary"),
                "period": f"{plan.start_year}–{plan.end_year}",
            }
        },
        "objectives": {str(o.number): {"title": _texts(o, "title")} for o in plan.objectives.all()},
        "tools": {str(t.number): {"title": _texts(t, "title")} for t in plan.tools.all()},
        "measures": {
            m.code: {
                "title": _texts(m, "title"),
                "unit": str(m.unit),
                "objectives": sorted(o.number for o in m.objectives.all()),
                "tools": sorted(t.number for t in m.tools.all()),
                "weight": str(m.weight),
                "budget": str(m.budget) if m.budget is not None else "",
                "schedule": f"{m.start_date or ''}–{m.end_date or ''}",
            }
            for m in measures
        },
        "indicators": {
            i.code: {
                "name": _texts(i, "name"),
                "targets": {str(v.year): v.value for v in i.values.all() if v.kind == "target"},
            }
            for i in plan.indicators.prefetch_related("values")
        },
        "priorities": {
            **{
                f"theme:{p.theme.code}": {"level": p.level}
                for p in plan.thematic_priorities.select_related("theme")
            },
            **{
                f"place:{p.place}": {"level": p.level}
                for p in plan.geographic_priorities.select_related("region", "country", "city")
            },
        },
    }


SECTION_LABELS = {
    "plan": _("Plan"),
    "objectives": _("Objectives"),
    "tools": _("Tools"),
    "measures": _("Measures"),
    "indicators": _("Indicators"),
    "priorities": _("Priorities"),
}


@dataclass(frozen=True)
class Change:
    section: str
    identity: str
    kind: str  # "added", "removed" or "changed"
    fields: tuple[tuple[str, object, object], ...] = ()  # (field, old, new) for "changed"

    @property
    def section_label(self) -> str:
        return str(SECTION_LABELS.get(self.section, self.section))


def diff(old: dict, new: dict) -> list[Change]:
    """What changed from snapshot ``old`` to snapshot ``new``, section by section."""
    changes = []
    for section in new.keys() | old.keys():
        before, after = old.get(section, {}), new.get(section, {})
        for identity in sorted(after.keys() - before.keys()):
            changes.append(Change(section, identity, "added"))
        for identity in sorted(before.keys() - after.keys()):
            changes.append(Change(section, identity, "removed"))
        for identity in sorted(before.keys() & after.keys()):
            fields = tuple(
                (name, before[identity].get(name), after[identity].get(name))
                for name in sorted(before[identity].keys() | after[identity].keys())
                if before[identity].get(name) != after[identity].get(name)
            )
            if fields:
                changes.append(Change(section, identity, "changed", fields))
    order = list(new.keys())
    return sorted(
        changes, key=lambda c: (order.index(c.section) if c.section in order else 99, c.identity)
    )


def _copy(record, **overrides):
    record.pk = None
    record.id = None
    record._state.adding = True
    for key, value in overrides.items():
        setattr(record, key, value)
    record.version = 1
    record.save()
    return record


@transaction.atomic
def new_edition(plan: Plan, user) -> Plan:
    """A draft copy of ``plan`` with all its content; status updates and actuals stay with the
    version they belong to, targets are carried over."""
    source = Plan.objects.get(pk=plan.pk)
    shared_with = list(source.shared_with.all())
    copy = _copy(
        Plan.objects.get(pk=plan.pk),
        edition=source.edition + 1,
        previous_edition=source,
        status=PlanStatus.DRAFT,
        is_published=False,
        created_by=user,
        modified_by=user,
    )
    copy.shared_with.set(shared_with)
    objectives = {o.pk: _copy(o, plan=copy) for o in Objective.objects.filter(plan=source)}
    tools = {t.pk: _copy(t, plan=copy) for t in Tool.objects.filter(plan=source)}
    for priority in ThematicPriority.objects.filter(plan=source):
        _copy(priority, plan=copy)
    for priority in GeographicPriority.objects.filter(plan=source):
        _copy(priority, plan=copy)
    for link in AlignmentLink.objects.filter(plan=source):
        _copy(link, plan=copy)
    measures = {}
    for measure in Measure.objects.filter(plan=source).prefetch_related(
        "objectives", "tools", "partner_units", "themes", "followers", "shared_with"
    ):
        relations = {
            "objectives": [objectives[o.pk] for o in measure.objectives.all()],
            "tools": [tools[t.pk] for t in measure.tools.all()],
            "partner_units": list(measure.partner_units.all()),
            "themes": list(measure.themes.all()),
            "followers": list(measure.followers.all()),
            "shared_with": list(measure.shared_with.all()),
        }
        old_pk = measure.pk
        new = _copy(measure, plan=copy)
        for name, values in relations.items():
            getattr(new, name).set(values)
        measures[old_pk] = new
    for indicator in Indicator.objects.filter(plan=source).prefetch_related("values"):
        targets = [v for v in indicator.values.all() if v.kind == "target"]
        new = _copy(
            indicator,
            plan=copy,
            objective=objectives.get(indicator.objective_id),
            measure=measures.get(indicator.measure_id),
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=new, year=v.year, kind=v.kind, value=v.value, note=v.note)
            for v in targets
        )
    return copy


def editions(plan: Plan) -> list[Plan]:
    """Every version in the plan's line, oldest first."""
    first = plan
    while first.previous_edition_id:
        first = first.previous_edition
    line, current = [first], first
    while True:
        following = Plan.objects.filter(previous_edition=current).order_by("edition").first()
        if following is None:
            return line
        line.append(following)
        current = following
