"""Spreadsheet export and import of activities.

An import is checked first (a dry run that writes nothing but its report), and then, when the
user confirms, applied in the background in one transaction: every row or none. Both steps read
the file again and work out the same plan (``spreadsheet.changes``), so what is written is what
was checked against the data as it is when the import runs.
"""

import logging
import zipfile

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from citydiplomacy.core import access
from citydiplomacy.core.models import OrganisationUnit

from ..models import Activity, ActivityImport, ImportState, PartnerKind, PartnerOrganisation
from ..spreadsheet import records
from ..spreadsheet.changes import RELATION_FIELDS, SCALAR_FIELDS, ImportPlan, plan_import
from ..spreadsheet.columns import NAMES
from ..spreadsheet.messages import message
from ..spreadsheet.reading import (
    SNIFF_BYTES,
    XLSX,
    NotASpreadsheet,
    Problem,
    detect_format,
    read_sheet,
)
from . import radar

logger = logging.getLogger(__name__)
BATCH = 2000


def max_upload_bytes() -> int:
    """The largest import file accepted (setting ``REGISTER_IMPORT_MAX_BYTES``, default 50 MB)."""
    return settings.REGISTER_IMPORT_MAX_BYTES


class ImportRefused(Exception):
    """The upload is refused before any checking: too large, or not a spreadsheet."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(message(code, params))


def refuse_too_large() -> ImportRefused:
    return ImportRefused("too_large", limit=max_upload_bytes() // (1024 * 1024))


def check_upload(upload) -> str:
    """The file's format (``csv`` or ``xlsx``) judged by its content, or :class:`ImportRefused`."""
    if upload.size > max_upload_bytes():
        raise refuse_too_large()
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    try:
        fmt = detect_format(head)
    except NotASpreadsheet as refused:
        raise ImportRefused(refused.code, **refused.params) from None
    if fmt == XLSX:
        try:
            with zipfile.ZipFile(upload) as archive:
                if "xl/workbook.xml" not in archive.namelist():
                    raise ImportRefused("bad_xlsx")
        except zipfile.BadZipFile:
            raise ImportRefused("bad_xlsx") from None
        finally:
            upload.seek(0)
    return fmt


def start_import(upload, user) -> ActivityImport:
    """Store the upload and check it in the background (a dry run)."""
    from .. import tasks

    fmt = check_upload(upload)
    activity_import = ActivityImport.objects.create(
        file=upload,
        original_name=(upload.name or "")[:255],
        created_by=user,
        file_format=fmt,
        state=ImportState.CHECKING,
    )
    tasks.check_activity_import.enqueue(activity_import.pk)
    return activity_import


def visible_imports(user):
    """Imports a user may look at: their own; coordinators see all."""
    if not user.is_authenticated:
        return ActivityImport.objects.none()
    if access.is_coordinator(user):
        return ActivityImport.objects.all()
    return ActivityImport.objects.filter(created_by=user)


def editable_unit_ids(user) -> set[int]:
    return {
        unit.pk
        for unit in OrganisationUnit.objects.internal().only("pk", "path")
        if access.can_edit_unit(user, unit)
    }


_COLUMN_ORDER = {name: index for index, name in enumerate(NAMES)}


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.row, _COLUMN_ORDER.get(p.column, -1), p.letter))


def plan_for(data: bytes, user) -> tuple[ImportPlan, object]:
    """Read the file and work out what importing it would do for ``user``."""
    try:
        sheet = read_sheet(data, records.choices())
    except NotASpreadsheet as refused:
        return ImportPlan(problems=[Problem(0, "", refused.code, refused.params)]), None
    if not sheet.rows and sheet.problems:  # the header is wrong: no row can be read
        return ImportPlan(problems=sheet.problems), None
    refs = records.load_references()
    ids = [row.values["id"] for row in sheet.rows if row.values.get("id")]
    stored = records.stored_by_id(Activity.objects.visible_to(user), ids) if ids else {}
    plan = plan_import(sheet.rows, refs, stored, editable_unit_ids(user), sheet.letters)
    plan.problems = _sorted(sheet.problems + plan.problems)
    return plan, refs


def _report(activity_import: ActivityImport, plan: ImportPlan) -> None:
    activity_import.rows = plan.rows
    activity_import.to_create = len(plan.creates)
    activity_import.to_update = len(plan.updates)
    activity_import.unchanged = plan.unchanged
    activity_import.error_count = len(plan.problems)
    activity_import.errors = [
        problem.as_dict() for problem in plan.problems[: ActivityImport.MAX_ERRORS_KEPT]
    ]
    activity_import.changes = plan.samples
    activity_import.new_partners = [
        f"{name} ({code})" if code else name for name, code in plan.new_partners
    ]


def _read(activity_import: ActivityImport) -> bytes:
    with activity_import.file.open("rb") as handle:
        return handle.read()


def check_import(import_id: int) -> str:
    """The dry run: what would be created and changed, and every error; nothing else written."""
    activity_import = ActivityImport.objects.select_related("created_by").get(pk=import_id)
    plan, _refs = plan_for(_read(activity_import), activity_import.created_by)
    _report(activity_import, plan)
    activity_import.state = ImportState.INVALID if plan.problems else ImportState.CHECKED
    activity_import.finished_at = timezone.now()
    activity_import.save()
    return activity_import.state


def confirm_import(activity_import: ActivityImport) -> None:
    """Start a checked import in the background."""
    from .. import tasks

    updated = ActivityImport.objects.filter(
        pk=activity_import.pk, state=ImportState.CHECKED
    ).update(state=ImportState.RUNNING, finished_at=None)
    if updated:
        tasks.apply_activity_import.enqueue(activity_import.pk)


class _Rollback(Exception):
    pass


def apply_import(import_id: int) -> str:
    """Write the import, all or nothing. Problems found now (the data changed since the dry
    run) fail it with the report, and nothing is written."""
    activity_import = ActivityImport.objects.select_related("created_by").get(pk=import_id)
    user = activity_import.created_by
    plan = ImportPlan()
    try:
        # No radar check per row: one full scan runs once the import has committed.
        with radar.radar_suspended(), transaction.atomic():
            plan, refs = plan_for(_read(activity_import), user)
            if plan.problems:
                raise _Rollback
            write(plan, refs, user, reason=f"import {activity_import.pk}")
    except _Rollback:
        state = ImportState.FAILED
    except Exception as error:  # a database refusal: report it, nothing was written
        logger.exception("activity import %s failed", import_id)
        plan.problems = [Problem(0, "", "write_failed", {"detail": str(error)[:500]})]
        state = ImportState.FAILED
    else:
        state = ImportState.DONE
    _report(activity_import, plan)
    activity_import.state = state
    activity_import.finished_at = timezone.now()
    activity_import.save()
    return state


def _scalars(fields: dict) -> dict:
    values = {name: fields[name] for name in SCALAR_FIELDS if name != "unit"}
    values["unit_id"] = fields["unit"]
    return values


def write(plan: ImportPlan, refs, user, *, reason: str) -> None:
    """Create and update the activities of ``plan`` in bulk (with their history), and set their
    relations with bulk inserts into the through tables. Call inside a transaction."""
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    partner_ids = {}
    if plan.new_partners:
        partners = [
            PartnerOrganisation(
                name=name,
                country_id=refs.countries.get(code) if code else None,
                kind=PartnerKind.OTHER,
                created_by=user,
                modified_by=user,
            )
            for name, code in plan.new_partners
        ]
        partners = bulk_create_with_history(
            partners, PartnerOrganisation, batch_size=BATCH, **history
        )
        partner_ids = {
            ("new", partner.name, code): partner.pk
            for partner, (_name, code) in zip(partners, plan.new_partners, strict=True)
        }
    links = {name: [] for name in RELATION_FIELDS}

    def link(activity_id: int, fields: dict, names) -> None:
        for name in names:
            for target in fields[name]:
                links[name].append((activity_id, partner_ids.get(target, target)))

    if plan.creates:
        ids = _create(plan.creates, user, now, reason)
        for activity_id, change in zip(ids, plan.creates, strict=True):
            link(activity_id, change.fields, RELATION_FIELDS)
    if plan.updates:
        _update(plan, user, now, history, link)
    for name, pairs in links.items():
        through, source, target = records.through_table(name)
        if connection.vendor == "postgresql":
            _copy(through._meta.db_table, [source, target], pairs)
        else:
            through.objects.bulk_create(
                (through(**{source: a, target: t}) for a, t in pairs), batch_size=5 * BATCH
            )


def _copy(table: str, columns: list[str], rows) -> None:
    """PostgreSQL's COPY: many times faster than INSERT for a large import."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _create(changes, user, now, reason: str) -> list[int]:
    """Insert new activities with their history entries; their ids in order. On PostgreSQL the
    ids are drawn from the sequence first and the rows copied in; elsewhere bulk inserts."""
    base = {
        "created_at": now,
        "modified_at": now,
        "created_by_id": user.pk if user else None,
        "modified_by_id": user.pk if user else None,
        "version": 1,
        "source": "",
        "source_id": None,
    }
    if connection.vendor != "postgresql":
        created = bulk_create_with_history(
            [
                Activity(**_scalars(change.fields), created_by=user, modified_by=user)
                for change in changes
            ],
            Activity,
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
        return [activity.pk for activity in created]
    table = Activity._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(changes)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    fields = Activity._meta.concrete_fields
    rows = [
        {**base, **_scalars(change.fields), "id": pk}
        for pk, change in zip(ids, changes, strict=True)
    ]
    _copy(table, [f.column for f in fields], (tuple(r[f.attname] for f in fields) for r in rows))
    history = Activity.history.model
    entry = {
        "history_date": now,
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": user.pk if user else None,
    }
    kept = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    _copy(
        history._meta.db_table,
        [f.column for f in kept],
        (tuple({**r, **entry}[f.attname] for f in kept) for r in rows),
    )
    return ids


def _update(plan: ImportPlan, user, now, history, link) -> None:
    changed_scalars = set()
    objects = []
    for start in range(0, len(plan.updates), 10 * BATCH):
        part = plan.updates[start : start + 10 * BATCH]
        current = Activity.objects.select_for_update().in_bulk([change.id for change in part])
        for change in part:
            activity = current[change.id]
            for name, value in _scalars(change.fields).items():
                setattr(activity, name, value)
            activity.version += 1
            activity.modified_by = user
            activity.modified_at = now
            objects.append(activity)
            changed_scalars.update(name for name in change.changed if name in SCALAR_FIELDS)
    fields = sorted(
        {"unit_id" if name == "unit" else name for name in changed_scalars}
        | {"version", "modified_by", "modified_at"}
    )
    fields = ["unit" if name == "unit_id" else name for name in fields]
    bulk_update_with_history(objects, Activity, fields, batch_size=BATCH, **history)
    for name in RELATION_FIELDS:
        changed = [change for change in plan.updates if name in change.changed]
        if not changed:
            continue
        through, source, _target = records.through_table(name)
        ids = [change.id for change in changed]
        for start in range(0, len(ids), 10 * BATCH):
            through.objects.filter(**{f"{source}__in": ids[start : start + 10 * BATCH]}).delete()
        for change in changed:
            link(change.id, change.fields, [name])
