"""The follow-up report for the deciding body: which plan, for whom, for which period and in
which language, and the data of each registered section.

The report is produced *for a user*: every section reads records through ``visible_to(user)``,
so a report never shows more than its reader may see. An anonymous user gets the public view.
Rendering (HTML, PDF, DOCX) happens elsewhere, from the ``Report`` built here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy

from citydiplomacy.plan import services as plan_services
from citydiplomacy.plan.models import Plan

from . import registry

TITLE = gettext_lazy("Follow-up report")


class ReportError(ValueError):
    """A report cannot be produced as asked (unknown language, period the wrong way round…)."""


@dataclass(frozen=True)
class FollowUpContext:
    """What every section's ``build`` gets."""

    plan: Plan
    user: Any  # a User or AnonymousUser
    language: str
    period_start: date
    period_end: date
    generated_at: datetime
    # Results sections share (e.g. the plan tree), computed once per report.
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per report; later calls with ``key`` get the same result."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    @property
    def today(self) -> date:
        """The date overdue updates are judged against: the day the report is made."""
        return timezone.localdate(self.generated_at)


@dataclass
class Report:
    context: FollowUpContext
    sections: list[tuple[registry.Section, Any]] = field(default_factory=list)

    @property
    def title(self):
        return TITLE

    @property
    def language(self) -> str:
        return self.context.language

    @property
    def plan(self) -> Plan:
        return self.context.plan

    @property
    def period_text(self) -> str:
        return f"{format_date(self.context.period_start)}–{format_date(self.context.period_end)}"

    def cover_facts(self) -> list[tuple[str, str]]:
        """Label–value pairs shown on the cover, in the active language."""
        plan = self.plan
        facts = [(gettext("Period"), self.period_text)]
        if plan.decided_by:
            facts.append((gettext("Deciding body"), str(plan.decided_by)))
        facts.append((gettext("Prepared by"), str(plan.unit)))
        facts.append((gettext("Produced on"), format_date(self.context.today)))
        return facts

    @property
    def readership(self) -> str:
        """Who the report was produced for, so a reader knows what it may leave out."""
        user = self.context.user
        if user is None or not user.is_authenticated:
            return gettext("Public version: contains public records only.")
        return gettext("Produced for %(name)s: contains the records they may see.") % {"name": user}

    def file_name(self, extension: str) -> str:
        """E.g. ``follow-up-report-3-fi-2024-01-01-2024-06-30.pdf``."""
        c = self.context
        return (
            f"follow-up-report-{c.plan.pk}-{c.language}-"
            f"{c.period_start.isoformat()}-{c.period_end.isoformat()}.{extension}"
        )


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def visible_plan(user, plan_id) -> Plan | None:
    """The plan if ``user`` may see it (with objectives prefetched), else None."""
    return plan_services.get_plan(user, plan_id)


def default_period(plan: Plan, today: date) -> tuple[date, date]:
    """The plan's period up to today (the whole period once it has ended)."""
    start, end = date(plan.start_year, 1, 1), date(plan.end_year, 12, 31)
    return start, max(start, min(end, today))


def build_report(
    plan: Plan,
    user,
    language: str,
    start: date | None = None,
    end: date | None = None,
    *,
    generated_at: datetime | None = None,
    report_key: str = registry.FOLLOW_UP,
) -> Report:
    """Build every registered section's data for ``user``, in ``language``.

    A section that raises is not skipped: the error propagates (with a note naming the
    section), because a report silently missing a part would mislead its readers.
    """
    if language not in languages():
        raise ReportError(f"Unknown language {language!r}; choose one of {', '.join(languages())}.")
    generated_at = generated_at or timezone.now()
    default_start, default_end = default_period(plan, timezone.localdate(generated_at))
    start, end = start or default_start, end or default_end
    if end < start:
        raise ReportError(f"The period ends ({end}) before it starts ({start}).")
    context = FollowUpContext(plan, user, language, start, end, generated_at)
    report = Report(context)
    with translation.override(language):
        for section in registry.sections_for(report_key):
            try:
                data = section.build(context)
            except Exception as error:
                error.add_note(f"in report section {section.report}/{section.key}")
                raise
            report.sections.append((section, data))
    context.shared.clear()  # the sections' data is built; the records they read can go
    return report


STYLESHEET = "reports/report.css"


def template_context(report: Report) -> dict:
    """What the report's standalone document (the PDF's source) needs."""
    return {
        "report": report,
        "plan": report.plan,
        "CITY_NAME": settings.CITY_NAME,
        # The plain static URL, not {% static %}: the PDF must not depend on collectstatic's
        # manifest (a command-line report may run where it was never built).
        "stylesheet_url": f"{settings.STATIC_URL}{STYLESHEET}",
    }


def format_percent(value: float | None) -> str:
    """``42 %`` (Finnish and Swedish style) or ``42%`` (English); ``–`` when unknown."""
    if value is None:
        return "–"
    number = formats.number_format(round(value), 0)
    return f"{number}%" if translation.get_language() == "en" else f"{number}\u00a0%"


def format_date(value: date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def format_number(value: float | None) -> str:
    """Indicator values: up to two decimals, localised separators."""
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 2
    text = formats.number_format(value, decimals, use_l10n=True, force_grouping=True)
    return text.rstrip("0").rstrip(",.") if decimals else text


def excerpt(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text`` on one line, cut at a word, with "…" if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
