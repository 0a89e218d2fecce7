"""The coordination radar in the product: the register's rows in, stored findings out.

The pure radar (``register/radar``, ``docs/radar.md``) compares activities; this module feeds it
columns straight from a few queries (never one object per activity), stores what it finds as
:class:`RadarFinding` rows and decides who sees them.

A finding is identified across scans by its ``signature`` (kind, shared key, activity ids), so
a re-scan only touches ``last_seen``, a finding that is no longer found is marked resolved, and
a dismissed one stays dismissed: a later finding whose activities a dismissed finding on the
same key already covers is not stored again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from citydiplomacy.core import access
from citydiplomacy.core.models import City, Country, OrganisationUnit
from citydiplomacy.plan.models import Measure, MeasureStatus, PlanStatus

from .. import radar
from ..models import (
    Activity,
    ActivityStatus,
    FindingKind,
    PartnerOrganisation,
    RadarFinding,
    RadarSettings,
)

log = logging.getLogger(__name__)

#: The radar's key types and the activity's many-to-many field and column holding them.
KEY_FIELDS = {
    "city": ("cities", "city_id"),
    "country": ("countries", "country_id"),
    "partner": ("partners", "partnerorganisation_id"),
}
KEY_MODELS = {"city": City, "country": Country, "partner": PartnerOrganisation}
CONFIDENTIAL = "confidential"
# Large IN lists are sent in slices (SQLite allows ~32,000 parameters in one statement).
CHUNK = 5000


def _through(field: str):
    return Activity._meta.get_field(field).remote_field.through


FindingActivity = RadarFinding.activities.through
FindingUnit = RadarFinding.units.through


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- settings ---------------------------------------------------------------------------------


def config_of(settings_row: RadarSettings) -> radar.RadarConfig:
    return radar.RadarConfig(
        window_days=int(settings_row.window_days),
        duplicate_threshold=float(settings_row.duplicate_threshold),
    )


# --- from the database to the radar's columns -----------------------------------------------


def _active(queryset=None):
    return (queryset if queryset is not None else Activity.objects.all()).exclude(
        status=ActivityStatus.CANCELLED
    )


def load_table(activities, key_filter: dict[str, set[int]] | None = None) -> radar.ActivityTable:
    """The activities of ``activities`` (a queryset) as the radar's columns.

    One query for the activities and one per key type for their links. ``key_filter``
    (key type → ids) keeps only the links to those keys, when only they can matter.
    """
    rows = list(
        activities.order_by().values_list(
            "id", "unit_id", "start_date", "end_date", "title", "visibility"
        )
    )
    n = len(rows)
    if n:
        ids, unit_ids, starts, ends, titles, visibility = zip(*rows, strict=True)
    else:
        ids = unit_ids = starts = ends = titles = visibility = ()
    id_column = np.fromiter(ids, dtype=np.int64, count=n)
    order = np.argsort(id_column, kind="stable")
    sorted_ids = id_column[order]
    keys = {}
    for key_type, (field, column) in KEY_FIELDS.items():
        if key_filter is not None and not key_filter.get(key_type):
            continue
        links = _through(field).objects.order_by()
        if key_filter is not None:
            links = links.filter(**{f"{column}__in": sorted(key_filter[key_type])})
        if n <= CHUNK:
            pairs = list(links.filter(activity_id__in=list(ids)).values_list("activity_id", column))
        else:
            pairs = list(links.values_list("activity_id", column))
        keys[key_type] = _rows_of(pairs, sorted_ids, order)
    return radar.ActivityTable.from_arrays(
        ids=id_column,
        unit_ids=np.fromiter(unit_ids, dtype=np.int64, count=n),
        starts=np.fromiter((d.toordinal() for d in starts), dtype=np.int64, count=n),
        ends=np.fromiter((d.toordinal() for d in ends), dtype=np.int64, count=n),
        titles=list(titles),
        keys=keys,
        confidential=np.fromiter((v == CONFIDENTIAL for v in visibility), dtype=bool, count=n),
    )


def _rows_of(pairs: list, sorted_ids: np.ndarray, order: np.ndarray):
    """(activity id, key id) pairs → (table row, key id), dropping activities not in the table."""
    if not pairs or not sorted_ids.size:
        return (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    array = np.array(pairs, dtype=np.int64)
    position = np.clip(np.searchsorted(sorted_ids, array[:, 0]), 0, sorted_ids.size - 1)
    known = sorted_ids[position] == array[:, 0]
    return order[position[known]], array[known, 1]


# --- findings as the product stores them ----------------------------------------------------


@dataclass
class Found:
    """One finding of a scan or a check, ready to be stored."""

    kind: str
    key_type: str
    key_id: int
    activity_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]
    start: date | None
    end: date | None
    similarity: float | None = None
    confidential: bool = False
    measure_id: int | None = None
    since: date | None = None  # idle measures: the last activity before the period

    @property
    def signature(self) -> str:
        if self.kind == FindingKind.IDLE_MEASURE:
            tail = self.since.isoformat() if self.since else "never"
        else:
            tail = ",".join(map(str, self.activity_ids))
        text = f"{self.kind}:{self.key_type}:{self.key_id}:{tail}"
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.key_type, self.key_id)

    @classmethod
    def of(cls, finding: radar.Finding) -> Found:
        return cls(
            kind=finding.kind,
            key_type=finding.key_type,
            key_id=int(finding.key_id),
            activity_ids=tuple(int(i) for i in finding.activity_ids),
            unit_ids=tuple(int(u) for u in finding.unit_ids),
            start=finding.start,
            end=finding.end,
            similarity=finding.similarity,
            confidential=bool(finding.confidential),
        )


def _labels(found: list[Found]) -> dict[tuple[str, int], str]:
    """The shared place's or partner's name (in the default language) for each key."""
    wanted = defaultdict(set)
    for item in found:
        wanted[item.key_type].add(item.key_id)
    labels = {}
    for key_type, model in KEY_MODELS.items():
        ids = sorted(wanted.get(key_type, ()))
        for chunk in _chunks(ids):
            for pk, name in model.objects.filter(pk__in=chunk).values_list("pk", "name"):
                labels[(key_type, pk)] = name[:200]
    measure_ids = sorted(wanted.get("measure", ()))
    for chunk in _chunks(measure_ids):
        for pk, code, title in Measure.objects.filter(pk__in=chunk).values_list(
            "pk", "code", "title"
        ):
            labels[("measure", pk)] = f"{code} {title}"[:200]
    return labels


@dataclass
class _Stored:
    id: int
    signature: str
    dismissed: bool
    resolved: bool
    activity_ids: frozenset[int]


def _stored_on_keys(keys: set[tuple[str, str, int]]) -> dict[tuple, list[_Stored]]:
    """Stored open or dismissed findings on ``keys``, with their activity ids."""
    by_type = defaultdict(set)
    for kind, key_type, key_id in keys:
        by_type[(kind, key_type)].add(key_id)
    if not by_type:
        return {}
    condition = Q()
    for (kind, key_type), key_ids in by_type.items():
        condition |= Q(kind=kind, key_type=key_type, key_id__in=sorted(key_ids))
    rows = list(
        RadarFinding.objects.filter(condition)
        .filter(Q(dismissed_at__isnull=False) | Q(resolved_at__isnull=True))
        .values_list("pk", "signature", "dismissed_at", "resolved_at", "kind", "key_type", "key_id")
    )
    members = defaultdict(set)
    for chunk in _chunks([row[0] for row in rows]):
        for finding_id, activity_id in FindingActivity.objects.filter(
            radarfinding_id__in=chunk
        ).values_list("radarfinding_id", "activity_id"):
            members[finding_id].add(activity_id)
    stored = defaultdict(list)
    for pk, signature, dismissed, resolved, kind, key_type, key_id in rows:
        stored[(kind, key_type, key_id)].append(
            _Stored(
                pk, signature, dismissed is not None, resolved is not None, frozenset(members[pk])
            )
        )
    return stored


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    resolved: int = 0
    suppressed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "resolved": self.resolved,
            "suppressed": self.suppressed,
        }


@dataclass
class _Group:
    """Stored open overlaps on one key that a new finding shares activities with."""

    target: _Stored
    item: Found
    members: set[int]
    absorbed: list[int]


def sync_findings(found: list[Found], stale, *, union: bool) -> SyncResult:
    """Store ``found`` and resolve the open findings of ``stale`` (a queryset) it no longer has.

    A finding already stored (same signature) is touched; one that a dismissed finding on the
    same key covers is skipped; a new overlap sharing activities with an open one on the same
    key updates that row rather than adding a second one — with the union of both (``union``,
    an incremental check that sees only direct neighbours) or as found (a full scan's runs are
    complete); anything else is created.
    """
    now = timezone.now()
    result = SyncResult()
    unique = {item.signature: item for item in found}
    confirmed_ids, known = set(), set()
    for chunk in _chunks(list(unique)):
        for pk, signature in RadarFinding.objects.filter(signature__in=chunk).values_list(
            "pk", "signature"
        ):
            confirmed_ids.add(pk)
            known.add(signature)
    fresh = [item for signature, item in unique.items() if signature not in known]

    stored = _stored_on_keys({item.key for item in fresh})
    groups: dict[int, _Group] = {}
    group_of: dict[int, int] = {}
    to_create = []
    for item in fresh:
        members = set(item.activity_ids)
        here = stored.get(item.key, [])
        if item.kind != FindingKind.IDLE_MEASURE and any(
            s.dismissed and members <= s.activity_ids for s in here
        ):
            result.suppressed += 1
            continue
        touching = [
            s
            for s in here
            if item.kind == FindingKind.OVERLAP
            and not s.dismissed
            and not s.resolved
            and s.id not in confirmed_ids
            and s.activity_ids & members
        ]
        joined = next((group_of[s.id] for s in touching if s.id in group_of), None)
        free = [s for s in touching if s.id not in group_of]
        if joined is not None and not union:
            joined, free = None, []  # a scan's runs are disjoint: this one is separate
        if joined is None:
            if not free:
                to_create.append(item)
                continue
            target, free = free[0], free[1:]
            groups[target.id] = _Group(target, item, set(members), [])
            group_of[target.id] = joined = target.id
            if union:
                groups[joined].members |= target.activity_ids
        group = groups[joined]
        group.members |= members
        for s in free:
            group.absorbed.append(s.id)
            group_of[s.id] = joined
            if union:
                group.members |= s.activity_ids

    unchanged = {
        pk
        for pk, group in groups.items()
        if not group.absorbed and group.members == set(group.target.activity_ids)
    }
    changed = {pk: group for pk, group in groups.items() if pk not in unchanged}
    confirmed_ids |= set(group_of)
    labels = _labels([*to_create, *(g.item for g in changed.values())])
    _touch(confirmed_ids - set(changed), now)
    if changed:
        _update_groups(changed, labels, now)
    if to_create:
        confirmed_ids |= _create(to_create, labels)
    result.created = len(to_create)
    result.updated = len(confirmed_ids) - result.created
    result.resolved = _resolve_except(stale, confirmed_ids, now)
    return result


def _resolve_except(stale, confirmed: set[int], now) -> int:
    still_open = stale.filter(dismissed_at__isnull=True, resolved_at__isnull=True)
    if len(confirmed) <= CHUNK:
        return still_open.exclude(pk__in=sorted(confirmed)).update(resolved_at=now)
    open_ids = set(
        stale.filter(dismissed_at__isnull=True, resolved_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    gone = sorted(open_ids - confirmed)
    for chunk in _chunks(gone):
        RadarFinding.objects.filter(pk__in=chunk).update(resolved_at=now)
    return len(gone)


def _touch(ids: set[int], now) -> None:
    ids = sorted(ids)
    # A finding found again is open again, unless someone dismissed it.
    reopened = Case(When(dismissed_at__isnull=True, then=Value(None)), default=F("resolved_at"))
    for chunk in _chunks(ids):
        RadarFinding.objects.filter(pk__in=chunk).update(last_seen=now, resolved_at=reopened)


def _fields(item: Found, labels: dict) -> dict:
    return {
        "kind": item.kind,
        "key_type": item.key_type,
        "key_id": item.key_id,
        "key_label": labels.get((item.key_type, item.key_id), ""),
        "measure_id": item.measure_id,
        "start_date": item.start,
        "end_date": item.end,
        "similarity": item.similarity,
        "confidential": item.confidential,
    }


def _create(items: list[Found], labels: dict) -> set[int]:
    created = RadarFinding.objects.bulk_create(
        [RadarFinding(signature=item.signature, **_fields(item, labels)) for item in items],
        batch_size=2000,
    )
    _set_members(list(zip(created, items, strict=True)))
    return {finding.pk for finding in created}


def _set_members(pairs: list[tuple[RadarFinding, Found]]) -> None:
    activity_links = [
        FindingActivity(radarfinding_id=finding.pk, activity_id=activity_id)
        for finding, item in pairs
        for activity_id in item.activity_ids
    ]
    unit_links = [
        FindingUnit(radarfinding_id=finding.pk, organisationunit_id=unit_id)
        for finding, item in pairs
        for unit_id in item.unit_ids
    ]
    FindingActivity.objects.bulk_create(activity_links, batch_size=5000)
    FindingUnit.objects.bulk_create(unit_links, batch_size=5000)


def _update_groups(groups: dict[int, _Group], labels: dict, now) -> None:
    """Open overlaps that now list other activities: the same row (so it keeps when it was first
    found), its new members, and the digest tells about it again."""
    absorbed = sorted({pk for group in groups.values() for pk in group.absorbed})
    RadarFinding.objects.filter(pk__in=absorbed, dismissed_at__isnull=True).delete()
    all_members = sorted({a for group in groups.values() for a in group.members})
    facts = {}
    for chunk in _chunks(all_members):
        for pk, unit, start, end, visibility in Activity.objects.filter(pk__in=chunk).values_list(
            "pk", "unit_id", "start_date", "end_date", "visibility"
        ):
            facts[pk] = (unit, start, end, visibility == CONFIDENTIAL)
    pairs = []
    for finding_id, group in groups.items():
        members = sorted(a for a in group.members if a in facts)
        item = group.item
        merged = Found(
            kind=item.kind,
            key_type=item.key_type,
            key_id=item.key_id,
            activity_ids=tuple(members),
            unit_ids=tuple(sorted({facts[a][0] for a in members})),
            start=min(facts[a][1] for a in members),
            end=max(facts[a][2] for a in members),
            confidential=any(facts[a][3] for a in members),
        )
        FindingActivity.objects.filter(radarfinding_id=finding_id).delete()
        FindingUnit.objects.filter(radarfinding_id=finding_id).delete()
        if RadarFinding.objects.filter(signature=merged.signature).exclude(pk=finding_id).exists():
            RadarFinding.objects.filter(pk=finding_id).delete()
            continue
        RadarFinding.objects.filter(pk=finding_id).update(
            signature=merged.signature,
            last_seen=now,
            resolved_at=None,
            notified_at=None,
            **_fields(merged, labels),
        )
        pairs.append((RadarFinding(pk=finding_id), merged))
    _set_members(pairs)


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
        from ..tasks_radar import scan_radar

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


# --- who sees a finding -------------------------------------------------------------------------


def visible_findings(user):
    """Findings ``user`` may see: coordinators all; the city's own users the findings that
    involve their unit or its sub-units and of which they may see every activity (so a
    confidential activity is never revealed to another unit); partners and anonymous none."""
    findings = RadarFinding.objects.all()
    if access.is_coordinator(user):
        return findings
    if not user.is_authenticated or user.role == "partner" or user.unit_id is None:
        return findings.none()
    own_units = OrganisationUnit.objects.filter(path__startswith=user.unit.path).values("pk")
    involves_own = Exists(
        FindingUnit.objects.filter(
            radarfinding_id=OuterRef("pk"), organisationunit_id__in=own_units
        )
    )
    hidden_activity = Exists(
        FindingActivity.objects.filter(radarfinding_id=OuterRef("pk")).exclude(
            activity__in=Activity.objects.visible_to(user).values("pk")
        )
    )
    visible_measure = Q(measure__isnull=True) | Q(
        measure__in=Measure.objects.visible_to(user).values("pk")
    )
    return findings.filter(involves_own, visible_measure).exclude(hidden_activity)


def involving_unit(unit) -> Exists:
    """The condition: the finding concerns ``unit`` or one of its sub-units."""
    return Exists(
        FindingUnit.objects.filter(
            radarfinding_id=OuterRef("pk"), organisationunit__path__startswith=unit.path
        )
    )


def _coming() -> Q:
    """Findings someone can still act on: activity not yet over, or a measure left idle."""
    return Q(end_date__gte=timezone.localdate()) | Q(kind=FindingKind.IDLE_MEASURE)


def actionable(findings):
    return findings.filter(_coming())


def ordered(findings):
    """Current and coming findings first (soonest first), then past ones (latest first)."""
    from django.db.models import IntegerField

    coming = _coming()
    return findings.order_by(
        Case(When(coming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        Case(When(coming, then=F("start_date"))).asc(nulls_first=True),
        F("start_date").desc(nulls_last=True),
        "-pk",
    )


def open_findings(user):
    return visible_findings(user).filter(dismissed_at__isnull=True, resolved_at__isnull=True)


def can_dismiss(user, finding: RadarFinding) -> bool:
    """Coordinators, and the editors of a unit concerned who may see the finding."""
    if access.is_coordinator(user):
        return True
    if not access.can_create(user):
        return False
    return visible_findings(user).filter(pk=finding.pk).exists()


def dismiss(finding: RadarFinding, user, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required")
    RadarFinding.objects.filter(pk=finding.pk).update(
        dismissed_at=timezone.now(), dismissed_by=user, dismiss_reason=reason
    )
    finding.refresh_from_db()


def with_details(findings: list[RadarFinding]) -> list[RadarFinding]:
    """Attach to each finding its activities (``.activity_list``), units (``.unit_list``) and
    shared key (``.key_object``, named in the active language), in a few queries."""
    ids = [f.pk for f in findings]
    activities, units = defaultdict(list), defaultdict(list)
    links = FindingActivity.objects.filter(radarfinding_id__in=ids).select_related("activity__unit")
    for link in links.order_by("activity__start_date", "activity_id"):
        activities[link.radarfinding_id].append(link.activity)
    for link in FindingUnit.objects.filter(radarfinding_id__in=ids).select_related(
        "organisationunit"
    ):
        units[link.radarfinding_id].append(link.organisationunit)
    wanted = defaultdict(set)
    for finding in findings:
        if finding.key_type in KEY_MODELS and finding.key_id:
            wanted[finding.key_type].add(finding.key_id)
    objects = {
        (key_type, obj.pk): obj
        for key_type, model in KEY_MODELS.items()
        for obj in model.objects.filter(pk__in=sorted(wanted.get(key_type, ())))
    }
    measures = Measure.objects.in_bulk([f.measure_id for f in findings if f.measure_id])
    for finding in findings:
        finding.activity_list = activities[finding.pk]
        finding.unit_list = sorted(units[finding.pk], key=lambda u: u.path)
        finding.key_object = objects.get((finding.key_type, finding.key_id))
        if finding.measure_id:
            finding.key_object = measures.get(finding.measure_id)
    return findings


# --- the daily e-mail digest ------------------------------------------------------------------


def digest_recipients():
    """Who may hear about findings: active users with an e-mail address who are coordinators or
    belong to one of the city's units (partners never)."""
    from citydiplomacy.core.models import Role, User

    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(role=Role.PARTNER)
        .filter(
            Q(role__in=[Role.COORDINATOR, Role.ADMIN])
            | Q(is_superuser=True)
            | Q(unit__isnull=False)
        )
        .select_related("unit")
        .order_by("pk")
    )


def send_digest() -> int:
    """E-mail each person concerned the findings they may see that are new since the last
    digest, in their own language; nobody hears of nothing. Returns the e-mails sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    unsent = RadarFinding.objects.filter(notified_at__isnull=True)
    # Findings about activity already over are marked sent without mailing anyone.
    unsent.exclude(_coming()).update(notified_at=timezone.now())
    new_ids = list(
        actionable(unsent)
        .filter(dismissed_at__isnull=True, resolved_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not new_ids:
        return 0
    link = settings.SITE_URL + reverse("register:radar")
    sent = 0
    for user in digest_recipients():
        findings = list(
            visible_findings(user).filter(pk__in=new_ids).order_by("kind", "start_date", "pk")
        )
        if not findings:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            with_details(findings)
            context = {"user": user, "findings": findings, "link": link, "count": len(findings)}
            subject = render_to_string("register/email/radar_digest_subject.txt", context).strip()
            body = render_to_string("register/email/radar_digest.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    RadarFinding.objects.filter(pk__in=new_ids).update(notified_at=timezone.now())
    return sent


# --- what pages show ----------------------------------------------------------------------------


def dashboard_panel(user, limit: int = 5) -> dict | None:
    """The home dashboard's radar panel: how many open findings concern ``user``, the newest."""
    if not (access.is_coordinator(user) or (user.role != "partner" and user.unit_id)):
        return None
    # Past overlaps are history, not work: the dashboard counts what can still be acted on.
    shown = actionable(open_findings(user))
    latest = with_details(list(ordered(shown)[:limit]))
    return {"count": shown.count(), "latest": latest}


def detail_findings(user, activity) -> list[RadarFinding]:
    """The open findings of one activity that ``user`` may see (for the activity's page)."""
    findings = list(open_findings(user).filter(activities=activity).order_by("kind", "pk"))
    with_details(findings)
    for finding in findings:
        finding.can_dismiss = can_dismiss(user, finding)
    return findings
