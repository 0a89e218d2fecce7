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


def save_versioned(instance, expected_version: int | None, fields=None, original=None):
    """Save ``instance`` if the stored version is still ``expected_version``.

    ``original`` is the record as the editor saw it (for reporting what the other person
    changed); ``fields`` are the editable fields compared. Raises ``EditConflict``.
    """
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            compared = fields or [f.attname for f in model._meta.concrete_fields]
            baseline = original if original is not None else instance
            raise EditConflict(current, changed_fields(baseline, current, compared))
        instance.version = current.version + 1
        instance.save()
    return instance
