"""The register's month calendar: a Monday-first grid of weeks with the activities of each day.

The activities that touch the grid's six weeks are read in one query; a multi-day activity is
shown on every day it covers. Each day lists a few activities and says how many more there are,
with a link to the list filtered to that day.
"""

import calendar as pycalendar
import datetime
from dataclasses import dataclass, field

from django.http import QueryDict

from ..filters import filtered_activities

#: Activities shown in one day's cell; the rest are behind "+N more".
PER_DAY = 3
#: Enough for any month of a large register; the grid says when some were left out.
MONTH_LIMIT = 5000
#: Activities longer than this (projects, campaigns) are listed above the grid rather than
#: repeated on every day, where they would hide the trips and visits.
LONG_DAYS = 14


@dataclass
class Entry:
    pk: int
    title: str
    kind: str
    status: str
    start_date: datetime.date
    end_date: datetime.date
    first_day: bool = True  # starts on this day (or on the week's first shown day)
    last_day: bool = True


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)
    more: int = 0

    @property
    def iso(self) -> str:
        return self.date.isoformat()


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[Day]]
    total: int  # activities touching the month itself
    truncated: bool
    long: list[Entry] = field(default_factory=list)  # longer than LONG_DAYS, above the grid

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """``2026-03`` → 1 March 2026; anything else → the first day of ``today``'s month."""
    if value:
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if 1 <= year <= 9999:
                return datetime.date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


def grid_bounds(first: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Monday before (or on) the month's first day and the Sunday after its last day."""
    start = first - datetime.timedelta(days=first.weekday())
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    end = last + datetime.timedelta(days=6 - last.weekday())
    return start, end


def build_month(
    first: datetime.date,
    rows,
    today: datetime.date,
    *,
    per_day: int = PER_DAY,
    long_days: int = LONG_DAYS,
) -> Month:
    """The grid of ``first``'s month with ``rows`` (dicts of the activity fields used) on the
    days they cover; activities longer than ``long_days`` apart. Pure: no database."""
    start, end = grid_bounds(first)
    month_end = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    days = {}
    day = start
    while day <= end:
        days[day] = Day(date=day, in_month=day.month == first.month, is_today=day == today)
        day += datetime.timedelta(days=1)
    total = 0
    long = []
    for row in rows:
        if row["start_date"] <= month_end and row["end_date"] >= first:
            total += 1
        if (row["end_date"] - row["start_date"]).days + 1 > long_days:
            long.append(_entry(row))
            continue
        day = max(row["start_date"], start)
        last = min(row["end_date"], end)
        while day <= last:
            cell = days[day]
            if len(cell.entries) < per_day:
                cell.entries.append(
                    _entry(row, first_day=day == row["start_date"], last_day=day == row["end_date"])
                )
            else:
                cell.more += 1
            day += datetime.timedelta(days=1)
    ordered = list(days.values())
    weeks = [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
    return Month(first=first, weeks=weeks, total=total, truncated=False, long=long)


def _entry(row, **flags) -> Entry:
    return Entry(
        pk=row["pk"],
        title=row["title"],
        kind=row["kind"],
        status=row["status"],
        start_date=row["start_date"],
        end_date=row["end_date"],
        **flags,
    )


def month_for(user, params: QueryDict, today: datetime.date | None = None):
    """The month named by ``params["month"]`` with the activities ``user`` may see that match
    the filter; and the filter (for its form). One query for the activities."""
    today = today or datetime.date.today()
    first = parse_month(params.get("month"), today)
    queryset, activity_filter = filtered_activities(user, params)
    start, end = grid_bounds(first)
    rows = list(
        queryset.filter(start_date__lte=end, end_date__gte=start)
        .order_by("start_date", "-end_date", "title", "pk")
        .values("pk", "title", "kind", "status", "start_date", "end_date")[: MONTH_LIMIT + 1]
    )
    truncated = len(rows) > MONTH_LIMIT
    month = build_month(first, rows[:MONTH_LIMIT], today)
    month.truncated = truncated
    return month, activity_filter
