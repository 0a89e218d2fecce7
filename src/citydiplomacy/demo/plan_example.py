"""The demo's example content of the seed plan: measures under every objective, indicators with
several years of values and a history of status updates.

Generated deterministically (a seeded generator), so reloading gives the same data and
changes nothing. Every description says that it is an example.
"""

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from citydiplomacy.core.loading import upsert
from citydiplomacy.core.models import OrganisationUnit, Role, Theme, ThemeScheme, User, Visibility
from citydiplomacy.plan import versions
from citydiplomacy.plan.models import (
    AlignmentLink,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Plan,
    PlanStatus,
    StatusUpdate,
)

DATA = Path(__file__).parent / "data" / "example_measures.json"
EXAMPLE = {
    "fi": "Esimerkkitoimenpide demoa varten.",
    "sv": "Exempelåtgärd för demon.",
    "en": "Example measure for the demo.",
}
# Status over time: most measures move on, some get into trouble.
_PATHS = [
    ["on_track", "on_track", "on_track", "completed"],
    ["on_track", "at_risk", "on_track", "on_track"],
    ["not_started", "on_track", "delayed", "at_risk"],
    ["on_track", "on_track", "at_risk", "delayed"],
]


def _texts(field: str, texts: dict) -> dict:
    return {field: texts["fi"], **{f"{field}_{lang}": text for lang, text in texts.items()}}


def load(plan: Plan, today: date | None = None) -> int:
    """The example content of the seed plan (2018–2021, now closed) and of its second version
    (in force, from the start of this year), so that every view has something to show:
    history, progress, overdue updates and a comparison of versions. Idempotent."""
    today = today or date.today()
    spec = json.loads(DATA.read_text(encoding="utf-8"))
    _measures(plan, spec, until=date(plan.end_year, 12, 31), rng=random.Random(2017))
    _indicators(plan, spec["indicators"], random.Random(2018))
    _alignment(plan, spec)
    if plan.status != PlanStatus.CLOSED:
        Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.CLOSED, is_published=False)
    current = Plan.objects.filter(previous_edition=plan).first() or _second_edition(plan, today)
    _measures(current, spec, until=today, rng=random.Random(2026), after=date(today.year, 1, 1))
    _indicators(current, spec["indicators"], random.Random(2027))
    return current.measures.count()


def _second_edition(plan: Plan, today: date) -> Plan:
    """Version 2: the same objectives and tools, a new period, one measure dropped, targets
    set for the new years."""
    current = versions.new_edition(plan, user=None)
    Plan.objects.filter(pk=current.pk).update(
        start_year=today.year,
        end_year=today.year + 3,
        status=PlanStatus.IN_FORCE,
        is_published=True,
    )
    current.refresh_from_db()
    current.measures.filter(code="6.3").delete()
    IndicatorValue.objects.filter(indicator__plan=current).delete()
    Measure.objects.filter(plan=current).update(
        start_date=date(today.year, 1, 1),
        end_date=date(current.end_year, 12, 31),
        status=MeasureStatus.NOT_STARTED,
        progress=0,
    )
    return current


def _measures(plan, spec, until: date, rng, after: date | None = None) -> None:
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    editor = User.objects.filter(role=Role.UNIT_EDITOR).first()
    coordinator = User.objects.filter(role=Role.COORDINATOR).first()
    objectives = {o.number: o for o in plan.objectives.all()}
    tools = {t.number: t for t in plan.tools.all()}
    themes = {t.code: t for t in Theme.objects.filter(scheme=ThemeScheme.SPEARHEAD)}
    counters: dict[int, int] = {}
    for index, entry in enumerate(spec["measures"]):
        number = entry["objective"]
        counters[number] = counters.get(number, 0) + 1
        code = f"{number}.{counters[number]}"
        existing = Measure.objects.filter(plan=plan, code=code).first()
        if existing is None and plan.edition > 1:
            continue  # dropped from this version
        unit = units[entry["unit"]]
        visibility = Visibility.PUBLIC if index % 5 else Visibility.INTERNAL
        if index == 11:
            visibility = Visibility.CONFIDENTIAL
        measure = existing or Measure.objects.create(
            plan=plan,
            code=code,
            **_texts("title", entry["title"]),
            **_texts("description", EXAMPLE),
            unit=unit,
            start_date=date(plan.start_year, 1 + (index % 6), 1),
            end_date=date(plan.end_year, 12, 31),
            weight=Decimal(rng.choice(["1.00", "1.00", "2.00", "0.50"])),
            budget=Decimal(rng.randrange(20, 400) * 1000),
            update_interval_days=90,
            visibility=visibility,
            owner=editor if unit.code == "kymp" else coordinator,
        )
        if existing is None:
            measure.objectives.set([objectives[number]])
            measure.tools.set([tools[t] for t in entry["tools"]])
            measure.themes.set([themes[c] for c in entry.get("themes", []) if c in themes])
        _updates(
            measure, _PATHS[index % len(_PATHS)], rng, spec["update_texts"], until, index, after
        )


def _alignment(plan, spec) -> None:
    for link in spec["alignment"]:
        upsert(
            AlignmentLink,
            {"plan": plan, "title_fi": link["title"]["fi"]},
            _texts("title", link["title"]),
        )


def _updates(measure, path, rng, texts, until, index, after) -> None:
    """Updates every quarter from the measure's start; the last one a while before ``until``,
    so that some measures are overdue. Written in Finnish, now and then in Swedish."""
    if measure.updates.exists():
        return
    start = max(measure.start_date, after) if after else measure.start_date
    last_day = until - timedelta(days=20 + 45 * (index % 4)) if after else until
    quarters = max(1, (last_day - start).days // 91 + 1)
    day, progress, updates = start, 0, []
    for step in range(quarters):
        status = (
            path[min(step * len(path) // quarters, len(path) - 1)]
            if after is None
            else (path[min(step, len(path) - 2)])
        )
        ceiling = 100 if status == "completed" else 90
        progress = min(ceiling, progress + rng.randrange(4, 90 // quarters + 6))
        language = "sv" if rng.random() < 0.2 else "fi"
        updates.append(
            StatusUpdate(
                measure=measure,
                reported_on=day,
                status=status,
                progress=progress,
                text=rng.choice(texts[language]),
                author=measure.owner,
            )
        )
        day += timedelta(days=91)
        if day > last_day:
            break
    StatusUpdate.objects.bulk_create(updates)
    last = updates[-1]
    Measure.objects.filter(pk=measure.pk).update(status=last.status, progress=last.progress)


def _indicators(plan, specs, rng) -> None:
    objectives = {o.number: o for o in plan.objectives.all()}
    first_measures = {}
    for measure in plan.measures.prefetch_related("objectives").order_by("code"):
        for objective in measure.objectives.all():
            first_measures.setdefault(objective.number, measure)
    for spec in specs:
        indicator = upsert(
            Indicator,
            {"plan": plan, "code": spec["code"]},
            {
                **_texts("name", spec["name"]),
                "objective": objectives[spec["objective"]],
                "measure": first_measures.get(spec["objective"]),
                "unit": spec["unit"],
                "direction": spec["direction"],
                "baseline_year": plan.start_year - 1,
                "baseline_value": spec["baseline"],
                "source": spec["source"],
            },
        )
        if indicator.values.exists():
            continue
        base, values = spec["baseline"], []
        # The closed plan has actuals for every year; the current one for this year so far.
        last_actual_year = min(plan.end_year, date.today().year - (plan.edition == 1))
        for offset, year in enumerate(plan.years, start=1):
            target = round(base * (1 + 0.08 * offset * spec["direction"]), 1)
            values.append(
                IndicatorValue(indicator=indicator, year=year, kind="target", value=target)
            )
            if last_actual_year and year <= last_actual_year:
                actual = round(target * rng.uniform(0.85, 1.1), 1)
                values.append(
                    IndicatorValue(indicator=indicator, year=year, kind="actual", value=actual)
                )
        IndicatorValue.objects.bulk_create(values)
