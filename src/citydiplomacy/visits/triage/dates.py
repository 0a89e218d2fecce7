"""The date criteria: notice, capacity and length, judged for every offered date range.

A request offers its desired dates and any alternatives. Each is judged on its own; the
score uses the best one — no broken hard rule first, then the fewest points lost, then the
earliest. So lead time is counted from the earliest dates the city can take (the desired
dates when they fit), and offering more alternatives never lowers the score.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inputs import Capacity, DateRange, VisitRequest
from .result import Reason, reason
from .rules import TriageRules

#: The reasons that say a date rule is broken (each can cost points and be hard).
BROKEN_DATE_RULES = frozenset({"short_notice", "no_capacity", "too_long"})


@dataclass(frozen=True)
class DateAssessment:
    """One offered date range with its notice, capacity and length reasons."""

    dates: DateRange
    reasons: tuple[Reason, ...]

    @property
    def points(self) -> int:
        """Points lost on these dates (0 or less)."""
        return sum(r.points for r in self.reasons)

    @property
    def hard(self) -> bool:
        """Do these dates break a hard rule?"""
        return any(r.hard for r in self.reasons)

    @property
    def acceptable(self) -> bool:
        """Breaks no date rule."""
        return not any(r.code in BROKEN_DATE_RULES for r in self.reasons)


def assess_dates(
    request: VisitRequest, capacity: Capacity, rules: TriageRules
) -> list[DateAssessment]:
    """Judge every offered date range, desired dates first."""
    return [
        DateAssessment(
            dates,
            (
                _notice(request, dates, rules),
                _capacity(capacity, dates, rules),
                _length(dates, rules),
            ),
        )
        for dates in request.date_options
    ]


def best_assessment(assessments: list[DateAssessment]) -> DateAssessment:
    """The date range the score uses (see the module docstring)."""
    best = min(
        enumerate(assessments),
        key=lambda item: (item[1].hard, -item[1].points, item[1].dates, item[0]),
    )
    return best[1]


def offerable_dates(assessments: list[DateAssessment]) -> tuple[DateRange, ...]:
    """Distinct acceptable date ranges, earliest first."""
    return tuple(sorted({a.dates for a in assessments if a.acceptable}))


def _penalty(code: str, rules: TriageRules, **params: str | int) -> Reason:
    penalty = rules.penalties[code]
    return reason(code, penalty.points, hard=penalty.hard, **params)


def _notice(request: VisitRequest, dates: DateRange, rules: TriageRules) -> Reason:
    days = (dates[0] - request.received_on).days
    if days < rules.minimum_notice_days:
        return _penalty("short_notice", rules, days=days, minimum_days=rules.minimum_notice_days)
    return reason("notice_ok", 0, days=days)


def _capacity(capacity: Capacity, dates: DateRange, rules: TriageRules) -> Reason:
    span = {"start": dates[0].isoformat(), "end": dates[1].isoformat()}
    if capacity.fits(dates):
        return reason("capacity_ok", 0, **span)
    return _penalty("no_capacity", rules, **span)


def _length(dates: DateRange, rules: TriageRules) -> Reason:
    days = (dates[1] - dates[0]).days + 1
    if days > rules.maximum_length_days:
        return _penalty("too_long", rules, days=days, maximum_days=rules.maximum_length_days)
    return reason("length_ok", 0, days=days)
