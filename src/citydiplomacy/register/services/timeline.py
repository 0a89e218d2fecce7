"""The register's timeline: the filtered activities as bars over time, one row per owning unit.

Without dates in the filter the timeline shows the current year. At most ``LIMIT`` activities
are drawn (those starting first); the page says how many more match.
"""

import datetime
from dataclasses import dataclass

from django.http import QueryDict

from ..filters import filtered_activities

LIMIT = 500


@dataclass
class Timeline:
    start: datetime.date
    end: datetime.date
    rows: list[dict]  # one per unit: {"unit": name, "activities": [...]}
    shown: int
    total: int
    default_period: bool  # the dates were not in the filter

    @property
    def more(self) -> int:
        return self.total - self.shown


def _period(activity_filter, today: datetime.date) -> tuple[datetime.date, datetime.date, bool]:
    data = activity_filter.form.cleaned_data if activity_filter.form.is_valid() else {}
    start, end = data.get("start"), data.get("end")
    if start is None and end is None:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31), True
    if start is None:
        start = datetime.date(end.year, 1, 1)
    if end is None:
        end = datetime.date(start.year, 12, 31)
    return start, end, False


def timeline_for(user, params: QueryDict, today: datetime.date | None = None):
    """The timeline of the activities ``user`` may see that match ``params``; and the filter.
    Two queries: the activities (with their units) and their number."""
    today = today or datetime.date.today()
    queryset, activity_filter = filtered_activities(user, params)
    start, end, default_period = _period(activity_filter, today)
    queryset = queryset.filter(start_date__lte=end, end_date__gte=start)
    activities = list(
        queryset.select_related("unit")
        .order_by("start_date", "end_date", "pk")
        .only("pk", "title", "kind", "status", "start_date", "end_date", "unit")[:LIMIT]
    )
    total = len(activities) if len(activities) < LIMIT else queryset.count()
    by_unit: dict[int, dict] = {}
    for activity in activities:
        row = by_unit.setdefault(activity.unit_id, {"unit": str(activity.unit), "activities": []})
        row["activities"].append(activity)
    rows = sorted(by_unit.values(), key=lambda row: row["unit"].casefold())
    timeline = Timeline(
        start=start,
        end=end,
        rows=rows,
        shown=len(activities),
        total=total,
        default_period=default_period,
    )
    return timeline, activity_filter


#: Overlapping activities of one unit are drawn in lanes; beyond this many they share the last.
MAX_LANES = 6


def lanes(intervals: list[tuple[datetime.date, datetime.date]]) -> list[int]:
    """A lane for each (start, end) interval, in input order, so that intervals in one lane do
    not overlap (greedy by start date: the first lane that is free again)."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1]))
    ends: list[datetime.date] = []  # the last day taken in each lane
    assigned = [0] * len(intervals)
    for index in order:
        start, end = intervals[index]
        lane = next((number for number, last in enumerate(ends) if last < start), None)
        if lane is None:
            lane = len(ends)
            ends.append(end)
        else:
            ends[lane] = end
        assigned[index] = lane
    return assigned


def chart_data(timeline: Timeline, detail_url) -> dict:
    """What the chart script draws: unit names with their number of lanes, and bars ``[row,
    start, end, title, kind, url, lane]`` with dates as ISO strings and the end exclusive (a
    one-day bar has a width)."""
    units, bars = [], []
    for index, row in enumerate(timeline.rows):
        activities = row["activities"]
        assigned = [
            min(lane, MAX_LANES - 1)
            for lane in lanes([(item.start_date, item.end_date) for item in activities])
        ]
        units.append({"name": row["unit"], "lanes": max(assigned, default=0) + 1})
        for activity, lane in zip(activities, assigned, strict=True):
            activity.detail_url = detail_url(activity.pk)  # the table links the same page
            bars.append(
                [
                    index,
                    activity.start_date.isoformat(),
                    (activity.end_date + datetime.timedelta(days=1)).isoformat(),
                    activity.title,
                    activity.get_kind_display(),
                    activity.detail_url,
                    lane,
                ]
            )
    return {
        "start": timeline.start.isoformat(),
        "end": (timeline.end + datetime.timedelta(days=1)).isoformat(),
        "units": units,
        "bars": bars,
    }
