"""The plan's sections of the follow-up report: objectives' progress, measures, indicators
against targets and the status updates of the period.

Registered into ``citydiplomacy.reports.registry`` when this module is imported (from
``PlanConfig.ready``). Each section reads through the plan services, which filter measures with
``visible_to(context.user)``, and builds report blocks in the report's language, which the
HTML, the PDF and the DOCX all draw.
"""

import re
from datetime import date
from itertools import groupby
from typing import NamedTuple

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from citydiplomacy.reports import charts, registry
from citydiplomacy.reports.blocks import (
    BlockSection,
    Figures,
    Heading,
    Paragraph,
    Table,
    Text,
    cell,
    chart,
    muted,
)
from citydiplomacy.reports.followup import excerpt, format_date, format_number, format_percent

from . import services
from .models import IndicatorDirection, MeasureStatus, ValueKind

# Colours of statuses (HDS palette; each at least 3:1 against white, and always shown with the
# status in words). report.css has the same colours for the HTML classes.
STATUS_COLOURS = {
    MeasureStatus.NOT_STARTED: "#767676",
    MeasureStatus.ON_TRACK: "#007a64",
    MeasureStatus.AT_RISK: "#b35c00",
    MeasureStatus.DELAYED: "#b01038",
    MeasureStatus.COMPLETED: "#0000bf",
    MeasureStatus.CANCELLED: "#8c8c8c",
}
# A status light is named after the status that sets it (see progress.status_light).
LIGHT_STATUS = {
    "green": MeasureStatus.ON_TRACK,
    "amber": MeasureStatus.AT_RISK,
    "red": MeasureStatus.DELAYED,
    "grey": MeasureStatus.NOT_STARTED,
}
# Which measures' updates come first when a report cannot show them all.
ATTENTION = [
    MeasureStatus.DELAYED,
    MeasureStatus.AT_RISK,
    MeasureStatus.NOT_STARTED,
    MeasureStatus.ON_TRACK,
    MeasureStatus.COMPLETED,
    MeasureStatus.CANCELLED,
]
# Updates shown: the newest of each measure, up to a total that keeps a large plan's report
# readable (and quick to print); the others are counted.
UPDATES_SHOWN = 250
UPDATES_PER_MEASURE = (1, 5)  # at least, at most
UPDATE_TEXT_LIMIT = 300  # characters: about three lines
# Indicator charts share one frame and one row of years, drawn once in the table's heading.
FRAME = charts.Frame(height=72, bottom=4)


def _label(msgid: str) -> str:
    """A msgid already in the catalogue (a model's or field's verbose name…), capitalised."""
    return capfirst(_(msgid))


def status_text(status: str, suffix: str = "", *, label: str = "", new_line=False) -> Text:
    """A status (or ``label`` in the status's colour) in words and colour."""
    return Text(
        (label or str(MeasureStatus(status).label)) + suffix,
        css=f"report-status report-status--{status}",
        colour=STATUS_COLOURS[status],
        bold=True,
        new_line=new_line,
    )


def light_text(rollup) -> Text:
    """An objective's (or the plan's) status light in words and colour."""
    if not rollup.measure_count:
        return muted(_label("no measures"))
    return status_text(LIGHT_STATUS[rollup.light])


def code_order(code: str) -> list:
    """Sort key for measure codes: 2.6 before 2.47."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


def _tree(context) -> services.PlanTree:
    return context.memo(
        "plan.tree", lambda: services.plan_tree(context.user, context.plan, today=context.today)
    )


class UpdateRow(NamedTuple):
    """A status update as the report shows it, read as plain values (a large plan's period has
    ten thousand of them)."""

    measure_id: int
    reported_on: date
    status: str
    progress: int
    text: str
    author__first_name: str | None
    author__last_name: str | None
    author__username: str | None

    @property
    def author(self) -> str:
        """As ``User.__str__``: the full name, or the username."""
        name = f"{self.author__first_name or ''} {self.author__last_name or ''}".strip()
        return name or self.author__username or ""


def _updates(context) -> list[UpdateRow]:
    """The period's updates of the measures the reader may see, by measure, newest first."""

    def read():
        updates = services.updates_in_period(
            context.plan, context.user, context.period_start, context.period_end
        )
        return [UpdateRow(*values) for values in updates.values_list(*UpdateRow._fields)]

    return context.memo("plan.updates", read)


class SummarySection(BlockSection):
    """Key figures, each objective's rolled-up progress and status light, measures by status."""

    key = "plan-summary"
    order = 10
    title = gettext_lazy("Summary and objectives' progress")

    def build(self, context) -> list:
        tree = _tree(context)
        overall = cell(f"{format_percent(tree.rollup.progress)} ", light_text(tree.rollup))
        figures = (
            (_("Overall progress"), overall),
            (_label("measures"), cell(str(tree.rollup.measure_count))),
            (_("Measures with an overdue status update"), cell(str(tree.overdue_count))),
            (_("Status updates in the period"), cell(str(len(_updates(context))))),
        )
        progress_title, status_title = _("Progress of the objectives"), _("Measures by status")
        bars = charts.progress_bars(
            _objective_bars(tree), title=progress_title, no_data=_("No data")
        )
        segments = [
            charts.Segment(str(s.label), tree.rollup.status_counts.get(s, 0), STATUS_COLOURS[s])
            for s in MeasureStatus
        ]
        table = Table(
            headers=tuple(cell(_label(h)) for h in ("objective", "status", "measures")),
            rows=tuple(_objective_row(node) for node in tree.objectives),
            css="report-table--objectives",
            widths_cm=(10, 4, 2),
            row_headers=True,
        )
        return [
            Figures(figures),
            Heading(progress_title),
            chart(bars),
            table,
            Heading(status_title),
            chart(charts.distribution_bar(segments, title=status_title, no_data=_("No data"))),
        ]


def _objective_bars(tree) -> list[charts.Bar]:
    bars = []
    for node in tree.objectives:
        light = light_text(node.rollup)
        bars.append(
            charts.Bar(
                f"{node.objective.number}. {node.objective.title}",
                node.rollup.progress,
                light.colour,
                f"{format_percent(node.rollup.progress)} · {light.text}",
            )
        )
    return bars


def _objective_row(node) -> tuple:
    title = cell(f"{node.objective.number}. {node.objective.title}")
    status = cell(f"{format_percent(node.rollup.progress)} ", light_text(node.rollup))
    return (title, status, cell(str(node.rollup.measure_count)))


class MeasuresSection(BlockSection):
    """Each measure once, under the first of its objectives (the others name it in a note), so
    a printed list of hundreds of measures counts each one once."""

    key = "plan-measures"
    order = 20
    title = gettext_lazy("Measures and their status")

    def build(self, context) -> list:
        tree = _tree(context)
        first: dict[int, int] = {}  # measure → the first of its objectives
        for node in tree.objectives:
            for row in node.measures:
                first.setdefault(row.measure.pk, node.objective.number)
        content = []
        for node in tree.objectives:
            number = node.objective.number
            mine = sorted(node.measures, key=lambda row: code_order(row.measure.code))
            rows = [_measure_row(row) for row in mine if first[row.measure.pk] == number]
            elsewhere = [row.measure.code for row in mine if first[row.measure.pk] != number]
            content += self._group(f"{number}. {node.objective.title}", rows, elsewhere)
        if tree.unassigned:
            unassigned = sorted(tree.unassigned, key=lambda row: code_order(row.measure.code))
            content += self._group(
                _("Measures tied to no objective"), [_measure_row(r) for r in unassigned], []
            )
        return content

    def _group(self, heading: str, rows: list, elsewhere: list[str]) -> list:
        content = [Heading(heading)]
        if rows:
            headers = (
                _label("measure"),
                _("Responsible unit"),
                _("Status and progress"),
                _("Last update"),
            )
            content.append(
                Table(
                    headers=tuple(cell(h) for h in headers),
                    rows=tuple(rows),
                    css="report-table--measures",
                    widths_cm=(8.2, 3.4, 3.0, 2.4),
                )
            )
        if elsewhere:
            note = _("Measures listed under another of their objectives: %(codes)s")
            content.append(Paragraph(cell(note % {"codes": ", ".join(elsewhere)}), muted=True))
        elif not rows:
            content.append(Paragraph(cell(_label("no measures")), muted=True))
        return content


def _measure_row(row: services.MeasureRow) -> tuple:
    measure = row.measure
    status = status_text(measure.status, f" · {format_percent(measure.progress)}")
    last_update = [Text(format_date(row.last_update))]
    if row.overdue:
        last_update.append(status_text(MeasureStatus.DELAYED, label=_("Overdue"), new_line=True))
    title = cell(f"{measure.code} {measure.title}")
    return (title, cell(str(measure.unit)), cell(status), tuple(last_update))


class IndicatorsSection(BlockSection):
    """One row per indicator: a small chart of actuals against targets by year, and the latest
    actual against its target. The charts share their years and one legend, which keeps a long
    list readable, and light to print."""

    key = "plan-indicators"
    order = 30
    title = gettext_lazy("Indicators against targets")

    def build(self, context) -> list:
        indicators = list(services.indicators_with_values(context.plan, context.user))
        if not indicators:
            return [Paragraph(cell(_("The plan has no indicators yet.")), muted=True)]
        labels = charts.SeriesLabels(
            actual=str(ValueKind.ACTUAL.label),
            target=str(ValueKind.TARGET.label),
            baseline=_label("baseline"),
            no_data=_("No data"),
        )
        series = [services.indicator_series(indicator) for indicator in indicators]
        years = sorted({year for one in series for year in one["years"]})
        axis = chart(charts.year_axis(years, title=_label("year"), frame=FRAME), width_cm=6.2)
        headers = (
            cell(_label("indicator")),
            cell(_("Actual against target by year"), axis),
            cell(_("Latest actual")),
        )
        rows = tuple(
            _indicator_row(indicator, one, years, labels)
            for indicator, one in zip(indicators, series, strict=True)
        )
        return [
            chart(charts.indicator_legend(labels), width_cm=9, css="report-legend"),
            Table(
                headers,
                rows,
                css="report-table--indicators",
                widths_cm=(6.0, 6.6, 3.4),
                row_headers=True,
            ),
        ]


def target_met(actual: float | None, target: float | None, direction: int) -> bool | None:
    """Is ``actual`` at least as good as ``target`` (higher or lower being better)?"""
    if actual is None or target is None:
        return None
    return actual >= target if direction == IndicatorDirection.INCREASE else actual <= target


def _indicator_row(indicator, series: dict, years: list[int], labels) -> tuple:
    name = f"{indicator.name} ({indicator.unit})" if indicator.unit else str(indicator.name)
    if indicator.measure_id:
        about = [_("Measure %(code)s") % {"code": indicator.measure.code}]
    else:
        about = [_("Objective %(number)s") % {"number": indicator.objective.number}]
    about.append(str(IndicatorDirection(indicator.direction).label))
    if indicator.baseline_value is not None:
        year = f" ({indicator.baseline_year})" if indicator.baseline_year else ""
        about.append(f"{labels.baseline} {format_number(indicator.baseline_value)}{year}")
    actual = dict(zip(series["years"], series["actual"], strict=True))
    target = dict(zip(series["years"], series["target"], strict=True))
    svg = charts.indicator_chart(
        years,
        [actual.get(y) for y in years],
        [target.get(y) for y in years],
        baseline=series["baseline"],
        title=name,
        labels=labels,
        number=format_number,
        frame=FRAME,
        year_labels=False,
    )
    heading = (Text(name, bold=True), muted(" · ".join(about), new_line=True))
    return (heading, cell(chart(svg, width_cm=6.2)), _latest(actual, target, indicator, labels))


def _latest(actual: dict, target: dict, indicator, labels) -> tuple:
    """The latest year with an actual value, against that year's target."""
    measured = [year for year, value in actual.items() if value is not None]
    if not measured:
        return cell("–")
    year = max(measured)
    runs = [Text(f"{year}: {format_number(actual[year])} ")]
    if target.get(year) is not None:
        runs.append(muted(f"({labels.target} {format_number(target[year])})"))
    met = target_met(actual[year], target.get(year), indicator.direction)
    if met is not None:
        status = MeasureStatus.ON_TRACK if met else MeasureStatus.DELAYED
        label = _("Target met") if met else _("Target not met")
        runs.append(status_text(status, label=label, new_line=True))
    return tuple(runs)


class UpdatesSection(BlockSection):
    """The period's status updates per measure, newest first. A large plan's report shows fewer
    per measure, and at most ``UPDATES_SHOWN`` in all: those of the measures whose newest update
    most needs the deciding body's attention; the others are counted."""

    key = "plan-updates"
    order = 40
    title = gettext_lazy("Status updates in the period")

    def build(self, context) -> list:
        # Personal names stay out of the public version.
        with_author = bool(context.user and context.user.is_authenticated)
        tree = _tree(context)
        rows = [row for node in tree.objectives for row in node.measures] + tree.unassigned
        measures = {row.measure.pk: row.measure for row in rows}
        by_measure = sorted(
            (
                (measures[pk], list(updates))
                for pk, updates in groupby(_updates(context), key=lambda u: u.measure_id)
            ),
            key=lambda pair: code_order(pair[0].code),
        )
        if not by_measure:
            return [Paragraph(cell(_("No status updates in the period.")), muted=True)]
        low, high = UPDATES_PER_MEASURE
        shown = min(max(UPDATES_SHOWN // len(by_measure), low), high)
        chosen = _most_in_need(by_measure, UPDATES_SHOWN // shown)
        content = []
        for measure, updates in by_measure:
            if measure.pk in chosen:
                content += _measure_updates(measure, updates, shown, with_author)
        if left_out := len(by_measure) - len(chosen):
            note = ngettext(
                "The updates of %(count)d other measure are not shown.",
                "The updates of %(count)d other measures are not shown.",
                left_out,
            ) % {"count": left_out}
            content.append(Paragraph(cell(note), muted=True))
        return content


def _most_in_need(by_measure: list, count: int) -> set[int]:
    """The ``count`` measures whose newest update most needs attention (by code on a tie)."""
    ranked = sorted(by_measure, key=lambda pair: ATTENTION.index(pair[1][0].status))
    return {measure.pk for measure, _updates in ranked[:count]}


def _measure_updates(measure, updates: list, shown: int, with_author: bool) -> list:
    content = [Heading(f"{measure.code} {measure.title}", outline=False)]
    for update in updates[:shown]:
        runs = [
            Text(f"{format_date(update.reported_on)} ", bold=True),
            status_text(update.status, f" · {format_percent(update.progress)}"),
        ]
        if with_author and update.author:
            runs.append(Text(f" · {update.author}"))
        if update.text:
            runs.append(Text(f" – {excerpt(update.text, UPDATE_TEXT_LIMIT)}"))
        content.append(Paragraph(tuple(runs), css="report-update"))
    if len(updates) > shown:
        hidden = len(updates) - shown
        note = ngettext(
            "%(count)d earlier update in the period is not shown.",
            "%(count)d earlier updates in the period are not shown.",
            hidden,
        ) % {"count": hidden}
        content.append(Paragraph(cell(note), muted=True))
    return content


for _section in (SummarySection(), MeasuresSection(), IndicatorsSection(), UpdatesSection()):
    registry.register(_section)
