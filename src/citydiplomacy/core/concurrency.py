"""Optimistic locking: two people editing one record never silently overwrite each other."""

from django.db import transaction
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """The record was changed by someone else after the editor opened it."""

    def __init__(self, current, changed_fields: list[str]):
        self.current = current
        self.changed_fields = changed_fields
        who = current.modified_by or _("another user")
        super().__init__(_("%(who)s changed this record while you were editing it.") % {"who": who})


def changed_fields(before, after, fields) -> list[str]:
    return [name for name in fields if getattr(before, name) != getattr(after, name)]


def _as_seen(model, pk, version, fallback):
    """The record as the editor saw it: its history entry at that version, when kept."""
    history = getattr(model, "history", None)
    if history is not None:
        seen = history.filter(id=pk, version=version).order_by("-history_date").first()
        if seen is not None:
            return seen
    return fallback


def save_versioned(instance, expected_version: int | None, fields=None, original=None):
    """Save ``instance`` if the stored version is still ``expected_version``.

    On a conflict, ``EditConflict.changed_fields`` lists the ``fields`` (default: all) that the
    other person changed since the version the editor started from (read from the record's
    history, or from ``original``).
    """
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            compared = fields or [f.attname for f in model._meta.concrete_fields]
            # Many-to-many fields are not compared: history does not keep them.
            concrete = {f.name for f in model._meta.concrete_fields}
            compared = [name for name in compared if name in concrete]
            baseline = _as_seen(model, instance.pk, expected_version, original or instance)
            raise EditConflict(current, changed_fields(baseline, current, compared))
        instance.version = current.version + 1
        instance.save()
    return instance
