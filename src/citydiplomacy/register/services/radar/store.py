"""Findings as the product stores them: the register's rows turned into the pure radar's
columns, and a scan's findings synced into :class:`RadarFinding` rows by signature."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from citydiplomacy.core.models import City, Country
from citydiplomacy.plan.models import Measure

from ... import radar
from ...models import (
    Activity,
    ActivityStatus,
    FindingKind,
    PartnerOrganisation,
    RadarFinding,
    RadarSettings,
)

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
