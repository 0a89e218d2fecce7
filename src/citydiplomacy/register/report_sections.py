"""The register's section of the follow-up report: a summary of the period's international
activity (by type, trips approved, senior person-days) and its alignment with the plan's
priorities by theme, objective and region.

Registered into ``citydiplomacy.reports.registry`` when imported (from
``RegisterConfig.ready``). Activities are read through ``visible_to(context.user)`` (via the
register's one filter), and the blocks are built in the report's language, so the HTML, PDF and
DOCX say the same.
"""

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citydiplomacy.reports import charts, registry
from citydiplomacy.reports.blocks import (
    BlockSection,
    Figures,
    Heading,
    Paragraph,
    Table,
    cell,
    chart,
    muted,
)

from .models import ActivityKind, ApprovalState
from .services import alignment as service
from .services import trips  # noqa: F401  (connects the re-approval signals)

DIMENSION_TITLES = {
    "theme": gettext_lazy("By theme"),
    "objective": gettext_lazy("By objective of the plan"),
    "place": gettext_lazy("By region"),
}
PRIORITY_COLOUR = "#0000bf"
OTHER_COLOUR = "#767676"


class ActivityAlignmentSection(BlockSection):
    key = "register-alignment"
    order = 60
    title = gettext_lazy("International activity and alignment with the plan")

    def build(self, context) -> list:
        start, end = context.period_start, context.period_end
        activities = service.activities_in(context.user, start, end)
        by_kind = dict(
            activities.order_by()
            .values("kind")
            .annotate(count=Count("pk"))
            .values_list("kind", "count")
        )
        approved_trips = activities.filter(
            kind=ActivityKind.TRIP, trip_approval__state=ApprovalState.APPROVED
        ).count()
        found = service.alignment_between(context.user, context.plan, start, end)
        totals = found.result.total.totals
        blocks = [
            Figures(
                (
                    (_("Number of activities"), cell(service.format_amount(totals["activities"]))),
                    (_("Trips approved"), cell(str(approved_trips))),
                    (_("Senior person-days"), cell(service.format_amount(totals["senior_days"]))),
                    (_("Cost"), cell(f"{service.format_amount(totals['cost'])} €")),
                )
            ),
            Heading(_("Activities by type")),
            Table(
                headers=(cell(_("Type")), cell(_("Number of activities"))),
                rows=tuple(
                    (cell(str(kind.label)), cell(str(by_kind.get(kind.value, 0))))
                    for kind in ActivityKind
                ),
                widths_cm=(10, 6),
                row_headers=True,
            ),
            Paragraph(
                cell(
                    _(
                        "Target shares come from the plan's priority levels (high 3, medium 2, "
                        "watch 1; each objective the same). An activity with several themes, "
                        "objectives or destinations is split equally between them. Drift is the "
                        "share of activities minus the target share, in percentage points."
                    )
                ),
                muted=True,
            ),
        ]
        for dimension, title in DIMENSION_TITLES.items():
            blocks += _dimension_blocks(
                str(title), service.table_rows(found.result.total, dimension)
            )
        return blocks


def _dimension_blocks(title: str, rows) -> list:
    bars = [
        charts.Bar(
            row.label,
            None if row.shares["activities"] is None else row.shares["activities"] * 100,
            PRIORITY_COLOUR if row.is_priority else OTHER_COLOUR,
            _("%(share)s (target %(target)s)")
            % {
                "share": service.format_share(row.shares["activities"]),
                "target": service.format_share(row.target),
            },
        )
        for row in rows
    ]
    headers = (
        cell(capfirst(title)),
        cell(_("Target share")),
        cell(_("Share of activities")),
        cell(_("Share of cost")),
        cell(_("Share of senior person-days")),
        cell(_("Drift")),
    )
    table_rows = tuple(
        (
            cell(row.label) if row.is_priority else cell(muted(row.label)),
            cell(service.format_share(row.target)),
            cell(service.format_share(row.shares["activities"])),
            cell(service.format_share(row.shares["cost"])),
            cell(service.format_share(row.shares["senior_days"])),
            cell(service.format_drift(row.drifts["activities"])),
        )
        for row in rows
    )
    chart_title = _("Share of activities: %(what)s") % {"what": title.lower()}
    return [
        Heading(title),
        chart(charts.progress_bars(bars, title=chart_title, no_data=_("No data"))),
        Table(
            headers=headers,
            rows=table_rows,
            widths_cm=(5.4, 2.1, 2.1, 2.1, 2.3, 2.0),
            row_headers=True,
        ),
    ]


registry.register(ActivityAlignmentSection())
