"""Helpers for idempotent loaders (reference data, demo, imports)."""


def upsert(model, lookup: dict, values: dict):
    """Create, or update only when something differs, so reloading records no new history."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        return model.objects.create(**(lookup | values))
    if any(getattr(record, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
    return record
