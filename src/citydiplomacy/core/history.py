"""Change history of records (who, when, what) and restore of deleted records.

Built on django-simple-history. Which records a user may read the history of is decided by the
record's own access rules (``visible_to``); history itself names people, so only the city's
own signed-in users see it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from . import access

KIND_LABELS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# Bookkeeping columns that say nothing a reader of the history needs.
_HIDDEN_FIELDS = {"version", "modified_at", "modified_by", "created_at", "created_by", "path"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    history_id: int
    when: datetime
    who: str
    kind: str
    kind_label: str
    changes: list[Change]


def may_read_history(user) -> bool:
    return user.is_authenticated and (
        access.is_coordinator(user) or user.role in ("unit_editor", "viewer")
    )


def tracked_model(app_label: str, model_name: str):
    """The model named in a URL, if it keeps history; 404 otherwise."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("No such record type.") from None
    if not hasattr(model, "history"):
        raise Http404("This record type keeps no history.")
    return model


def visible_records(model, user):
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    return manager.all()


def _display(record, field) -> str:
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else str(value)
    return str(value)


def entries_for(model, pk) -> list[Entry]:
    """Every recorded version of one record, newest first, with what changed in each."""
    records = list(
        model.history.filter(id=pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    fields = [
        f for f in model._meta.concrete_fields if f.name not in _HIDDEN_FIELDS and f.name != "id"
    ]
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        for field in fields:
            new = _display(record, field)
            old = _display(previous, field) if previous else "—"
            if previous is None and new == "—":
                continue
            if previous is None or old != new:
                changes.append(Change(str(field.verbose_name), old, new))
        who = record.history_user or _("system")
        entries.append(
            Entry(
                record.history_id,
                record.history_date,
                str(who),
                record.history_type,
                str(KIND_LABELS[record.history_type]),
                changes,
            )
        )
    return entries


def deleted_records(model):
    """The last version of every record of ``model`` that has been deleted and not restored."""
    live_ids = model._default_manager.values_list("pk", flat=True)
    return (
        model.history.filter(history_type="-")
        .exclude(id__in=live_ids)
        .select_related("history_user")
        .order_by("-history_date")
    )


@transaction.atomic
def restore(model, history_id: int):
    """Bring a deleted record back as it was when deleted; the restore is itself recorded."""
    try:
        historical = deleted_records(model).get(history_id=history_id)
    except model.history.model.DoesNotExist:
        raise Http404("No deleted record with that history id.") from None
    instance = historical.instance
    instance._change_reason = "restored"
    instance.save(force_insert=True)
    return instance
