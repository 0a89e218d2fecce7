"""The "Decisions" section of the follow-up report: the decisions confirmed for the plan, its
objectives and measures, with the deadlines they set.

Registered into ``citydiplomacy.reports.registry`` when imported (from
``DecisionsConfig.ready``). Data comes from ``services.decisions_for_plan``, which reads
through ``visible_to(context.user)``; it is built as plain translated values so the HTML, PDF
and DOCX show the same thing.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citydiplomacy.reports import registry
from citydiplomacy.reports.followup import format_date
from citydiplomacy.reports.render_docx import Styled, add_paragraph, add_table

from . import services
from .models import Decision, DecisionType, FollowUp, FollowUpStatus

MUTED = "#595959"
TRACKED = [FollowUpStatus.CONFIRMED, FollowUpStatus.DONE]


@dataclass
class DecisionLine:
    date: str
    heading: str
    policymaker: str
    title: str
    diary_number: str
    decision_type: str
    linked_to: list[str]
    follow_ups: list[str] = field(default_factory=list)


@dataclass
class DecisionGroup:
    heading: str
    lines: list[DecisionLine]


class DecisionsSection(registry.Section):
    key = "decisions"
    order = 50
    title = gettext_lazy("Decisions")
    template_name = "decisions/report/decisions.html"

    @property
    def headers(self) -> list[str]:
        return [_("Date"), _("Decision"), _("Linked to"), _("Deadlines")]

    def build(self, context) -> list[DecisionGroup]:
        """Decisions of the period, then the earlier ones that led to the plan."""
        rows = services.decisions_for_plan(context.plan, context.user)
        tracked = FollowUp.objects.filter(status__in=TRACKED).order_by("due_date")
        decisions = {row.decision.pk: row.decision for row in rows}
        prefetched = Decision.objects.filter(pk__in=decisions).prefetch_related(
            Prefetch("follow_ups", queryset=tracked, to_attr="tracked_follow_ups")
        )
        follow_ups = {d.pk: d.tracked_follow_ups for d in prefetched}
        during, earlier = [], []
        for row in rows:
            day = row.decision.meeting_date
            if day is not None and day > context.period_end:
                continue
            line = _line(row, follow_ups.get(row.decision.pk, []), context.plan)
            (earlier if day is not None and day < context.period_start else during).append(line)
        groups = [DecisionGroup(_("Decisions in the period"), during)]
        if earlier:
            groups.append(DecisionGroup(_("Earlier decisions that led to the plan"), earlier))
        return groups

    def write_docx(self, document, data: list[DecisionGroup]) -> None:
        for group in data:
            add_paragraph(document, group.heading, bold=True)
            if not group.lines:
                add_paragraph(document, _("No decisions linked to the plan."), muted=True)
                continue
            add_table(
                document,
                self.headers,
                [_docx_row(line) for line in group.lines],
                widths_cm=[2.2, 7.3, 3.5, 3.0],
            )


def _line(row, follow_ups, plan) -> DecisionLine:
    decision = row.decision
    return DecisionLine(
        date=format_date(decision.meeting_date),
        heading=decision.heading,
        policymaker=decision.policymaker_label,
        title=decision.title,
        diary_number=decision.diary_number,
        decision_type=str(DecisionType(decision.decision_type).label),
        linked_to=[_target_label(link, plan) for link in row.links],
        follow_ups=[
            f"{format_date(f.due_date)} ({FollowUpStatus(f.status).label.lower()})"
            for f in follow_ups
        ],
    )


def _target_label(link, plan) -> str:
    if link.measure_id:
        return f"{_('Measure')} {link.measure.code}"
    if link.objective_id:
        return f"{_('Objective')} {link.objective.number}"
    if link.plan_id != plan.pk:
        return _("Version %(number)s of the plan") % {"number": link.plan.edition}
    return _("The plan")


def _docx_row(line: DecisionLine) -> list:
    described = " · ".join(filter(None, [line.policymaker, line.heading, line.diary_number]))
    decision = [Styled(line.title, bold=True), Styled(f"\n{described}", colour=MUTED)]
    decision.append(Styled(f"\n{line.decision_type}", colour=MUTED))
    return [line.date, decision, ", ".join(line.linked_to), "\n".join(line.follow_ups) or "–"]


registry.register(DecisionsSection())
