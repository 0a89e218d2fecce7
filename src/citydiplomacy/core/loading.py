"""Helpers for idempotent loaders (reference data, demo, imports)."""

from django.conf import settings
from django.utils import translation


def upsert(model, lookup: dict, values: dict):
    """Create, or update only when something differs, so reloading records no new history.

    Compared in the default language: a translated field's plain name (``title``) reads the
    active language, which must not make an unchanged record look changed.
    """
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        record = model.objects.filter(**lookup).first()
        if record is None:
            return model.objects.create(**(lookup | values))
        if any(getattr(record, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(record, key, value)
            record.save()
        return record
