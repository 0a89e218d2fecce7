"""Running the radar: the full scan, idle measures, the incremental check of one saved activity,
and checking on commit (suspended for bulk work)."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from citydiplomacy.plan.models import Measure, MeasureStatus, PlanStatus

from ... import radar
from ...models import (
    Activity,
    ActivityStatus,
    FindingKind,
    RadarFinding,
    RadarSettings,
)
from .store import (
    CONFIDENTIAL,
    KEY_FIELDS,
    Found,
    SyncResult,
    _active,
    _through,
    config_of,
    load_table,
    sync_findings,
)

log = logging.getLogger(__name__)


# --- idle measures ----------------------------------------------------------------------------


def idle_measures(idle_days: int, today: date | None = None) -> list[Found]:
    """Open measures of monitored plans that no (not cancelled) activity carried out in the last
    ``idle_days``; only measures that started before that period are judged."""
    today = today or timezone.localdate()
    period_start = today - timedelta(days=idle_days)
    measures = list(
        Measure.objects.filter(plan__status__in=PlanStatus.monitored())
        .exclude(status__in=MeasureStatus.closed())
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=period_start))
        .order_by("pk")
        .values_list("pk", "unit_id", "start_date")
    )
    if not measures:
        return []
    links = Activity.measures.through.objects.filter(
        measure_id__in=[m[0] for m in measures]
    ).exclude(activity__status=ActivityStatus.CANCELLED)
    carried_out, spans = defaultdict(set), {}
    last_before = {}
    for activity_id, measure_id, start, end in links.values_list(
        "activity_id", "measure_id", "activity__start_date", "activity__end_date"
    ):
        carried_out[activity_id].add(measure_id)
        spans[activity_id] = (start, end)
        if end < period_start:
            last_before[measure_id] = max(end, last_before.get(measure_id, end))
    records = [
        radar.ActivityMeasures(pk, frozenset(ids), *spans[pk]) for pk, ids in carried_out.items()
    ]
    idle = set(
        radar.measures_without_activity([m[0] for m in measures], records, period_start, today)
    )
    return [
        Found(
            kind=FindingKind.IDLE_MEASURE,
            key_type="measure",
            key_id=pk,
            activity_ids=(),
            unit_ids=(unit_id,),
            start=last_before.get(pk),
            end=None,
            measure_id=pk,
            since=last_before.get(pk),
        )
        for pk, unit_id, _start in measures
        if pk in idle
    ]


# --- the full scan and the incremental check ---------------------------------------------------


def full_scan(today: date | None = None) -> dict[str, int]:
    """Scan the whole register and store what is found; returns counts."""
    settings_row = RadarSettings.current()
    table = load_table(_active())
    report = radar.scan(table, config_of(settings_row))
    found = [Found.of(f) for f in report.findings]
    found += idle_measures(settings_row.idle_measure_days, today)
    with transaction.atomic():
        result = sync_findings(found, RadarFinding.objects.all(), union=False)
        RadarSettings.objects.filter(pk=settings_row.pk).update(last_scan_at=timezone.now())
    counts = result.as_dict()
    counts["activities"] = len(table)
    counts["found"] = len(found)
    return counts


def _keys_of(activity_id: int) -> dict[str, set[int]]:
    """The activity's cities, countries and partners, in one query."""
    keys = {key_type: set() for key_type in KEY_FIELDS}
    fields = [field for field, _column in KEY_FIELDS.values()]
    for values in Activity.objects.filter(pk=activity_id).values_list(*fields):
        for key_type, value in zip(KEY_FIELDS, values, strict=True):
            if value is not None:
                keys[key_type].add(value)
    return keys


def check_activity(activity_id: int) -> SyncResult:
    """What one saved activity overlaps or duplicates now; its findings are stored at once.

    The index holds only the activities that could matter: not cancelled, within the window of
    this one's dates and sharing one of its keys — a few rows, whatever the register's size.
    """
    row = (
        Activity.objects.filter(pk=activity_id)
        .values_list("unit_id", "title", "start_date", "end_date", "visibility", "status")
        .first()
    )
    involving = RadarFinding.objects.filter(
        kind__in=[FindingKind.OVERLAP, FindingKind.DUPLICATE], activities=activity_id
    )
    if row is None or row[5] == ActivityStatus.CANCELLED:
        return sync_findings([], involving, union=True)
    unit_id, title, start, end, visibility, _status = row
    keys = _keys_of(activity_id)
    settings_row = RadarSettings.current()
    config = config_of(settings_row)
    found = []
    if any(keys.values()):
        reach = max(config.window_days, config.duplicate_gap_days)
        shares_a_key = Q()
        for key_type, (field, column) in KEY_FIELDS.items():
            if keys[key_type]:
                shares_a_key |= Exists(
                    _through(field).objects.filter(
                        activity_id=OuterRef("pk"), **{f"{column}__in": sorted(keys[key_type])}
                    )
                )
        candidates = (
            _active()
            .exclude(pk=activity_id)
            .filter(
                end_date__gte=start - timedelta(days=reach),
                start_date__lte=end + timedelta(days=reach),
            )
            .filter(shares_a_key)
        )
        table = load_table(candidates, key_filter=keys)
        if len(table):
            ref = radar.ActivityRef(
                id=activity_id,
                unit_id=unit_id,
                title=title,
                start=start,
                end=end,
                city_ids=frozenset(keys["city"]),
                country_ids=frozenset(keys["country"]),
                partner_ids=frozenset(keys["partner"]),
                confidential=visibility == CONFIDENTIAL,
            )
            # Unsuppressed, to know every key on which the activity still overlaps: a stored
            # country run that the city rule would not repeat here is still valid.
            unsuppressed = replace(config, suppress_country_repeats=False)
            report = radar.RadarIndex.build(table, unsuppressed).check_one(ref)
            still = Q()
            for finding in report.overlaps:
                still |= Q(key_type=finding.key_type, key_id=finding.key_id)
            if still:
                involving = involving.exclude(Q(kind=FindingKind.OVERLAP) & still)
            overlaps = _without_city_repeats(report.overlaps)
            found = [Found.of(f) for f in [*overlaps, *report.duplicates]]
    with transaction.atomic():
        result = sync_findings(found, involving, union=True)
        _close_idle_measures(activity_id, start, end, settings_row.idle_measure_days)
    return result


def _without_city_repeats(overlaps: list[radar.Finding]) -> list[radar.Finding]:
    """Drop a country overlap whose activities one city overlap already lists (docs/radar.md)."""
    cities = [set(f.activity_ids) for f in overlaps if f.key_type == "city"]
    return [
        f
        for f in overlaps
        if f.key_type != "country" or not any(set(f.activity_ids) <= c for c in cities)
    ]


def _close_idle_measures(activity_id: int, start: date, end: date, idle_days: int) -> None:
    """An activity of the period carries out its measures: they are no longer idle."""
    today = timezone.localdate()
    if end < today - timedelta(days=idle_days) or start > today:
        return
    measure_ids = Activity.measures.through.objects.filter(activity_id=activity_id).values(
        "measure_id"
    )
    RadarFinding.objects.filter(
        kind=FindingKind.IDLE_MEASURE,
        measure_id__in=measure_ids,
        dismissed_at__isnull=True,
        resolved_at__isnull=True,
    ).update(resolved_at=timezone.now())


def forget_activity(activity_id: int) -> int:
    """A deleted activity: the open findings it took part in are resolved."""
    return RadarFinding.objects.filter(
        activities=activity_id, dismissed_at__isnull=True, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())


# --- checking on save, and suspending it for bulk work ----------------------------------------

_suspended: ContextVar[bool] = ContextVar("radar_suspended", default=False)
_local = threading.local()


def is_suspended() -> bool:
    return _suspended.get()


@contextmanager
def radar_suspended(scan_after: bool = True):
    """No check per saved activity inside the block (an import saves thousands); when the block
    ends without an error, one full scan runs in the background after the commit."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)
    if scan_after:
        from ...tasks_radar import scan_radar

        transaction.on_commit(scan_radar.enqueue)


class _Batch:
    """The activities saved in one transaction, checked once when it commits."""

    def __init__(self):
        self.ids: set[int] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        for activity_id in sorted(self.ids):
            try:
                check_activity(activity_id)
            except Exception:  # the radar must never break a save that has been committed
                log.exception("radar check of activity %s failed", activity_id)


def _waiting(batch) -> bool:
    return any(callback is batch for _sids, callback, *_rest in connection.run_on_commit)


def check_on_commit(activity_id: int) -> None:
    """Check the activity once its transaction commits (once however often it was saved)."""
    if is_suspended():
        return
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done or not connection.in_atomic_block or not _waiting(batch):
        # (A rolled-back transaction dropped its batch: what it had collected is forgotten.)
        batch = _local.batch = _Batch()
        batch.ids.add(activity_id)
        transaction.on_commit(batch)
        return
    batch.ids.add(activity_id)
