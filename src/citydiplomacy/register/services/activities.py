"""Saving and deleting activities and partner organisations, the way every page and form does it.

An edit carries the version it started from; ``core.concurrency.save_versioned`` refuses the save
when someone else saved in between, so two people never silently overwrite each other. The
record, its links and its attachments are written in one transaction: all or nothing.
"""

import io
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import save_versioned

from ..models import Activity, ActivityAttachment, PartnerKind, PartnerOrganisation

#: Sent after an activity and its links are committed (``activity``, ``created``), so that
#: checks reading its places and partners (the radar) see the whole record.
activity_saved = Signal()

#: The many-to-many links an activity form edits.
M2M_FIELDS = (
    "units",
    "external_actors",
    "countries",
    "cities",
    "partners",
    "objectives",
    "measures",
    "themes",
    "shared_with",
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

#: Attachment types accepted, decided by content: type → label.
ATTACHMENT_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "text/plain": _("plain text or CSV"),
}

_OFFICE_PARTS = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}


def attachment_type(data: bytes) -> str | None:
    """The allowed type of a file by its content (never by its name or claimed type), or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        return next((kind for part, kind in _OFFICE_PARTS.items() if part in names), None)
    if not data or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Markup is refused: an HTML or SVG file would carry script if ever opened from our origin.
    head = text[:4096].lower()
    if any(tag in head for tag in ("<html", "<script", "<svg", "<!doctype", "<?xml")):
        return None
    return "text/plain"


def check_attachment(upload) -> None:
    """Raise ``ValidationError`` unless ``upload`` is small enough and of an allowed type."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB."),
            params={
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": MAX_ATTACHMENT_BYTES // 1024 // 1024,
            },
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if attachment_type(data) is None:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s."),
            params={"types": ", ".join(str(label) for label in ATTACHMENT_TYPES.values())},
            code="type",
        )


def _check_may_edit(activity: Activity, by, original_unit) -> None:
    if not access.can_create(by):
        raise PermissionDenied
    for unit in (original_unit, activity.unit):
        if unit is not None and not access.can_edit_unit(by, unit):
            raise PermissionDenied


def save_activity(
    activity: Activity,
    data: dict,
    m2m: dict,
    by,
    expected_version: int | None,
    *,
    attachments=(),
    remove_attachments=(),
) -> Activity:
    """Create or update ``activity`` with the field values ``data`` and the links ``m2m``.

    ``attachments`` are ``(name, uploaded file)`` pairs to add, ``remove_attachments`` the
    attachments to drop. Raises ``PermissionDenied`` unless ``by`` may edit both the old and the
    new owning unit, ``ValidationError`` for invalid values and ``EditConflict`` when the
    activity changed after ``expected_version`` was read.
    """
    original_unit = None
    if activity.pk is not None:
        original_unit = Activity.objects.select_related("unit").get(pk=activity.pk).unit
    for name, value in data.items():
        setattr(activity, name, value)
    _check_may_edit(activity, by, original_unit)
    activity.full_clean(exclude=["created_by", "modified_by"])
    for _name, upload in attachments:
        check_attachment(upload)
    created = activity.pk is None
    activity.modified_by = by
    activity._history_user = by
    with transaction.atomic():
        if created:
            activity.created_by = by
            activity.save()
        else:
            save_versioned(activity, expected_version, fields=list(data))
        for name, values in m2m.items():
            if name not in M2M_FIELDS:
                raise ValueError(f"not a link of an activity: {name}")
            getattr(activity, name).set(values)
        for attachment in remove_attachments:
            if attachment.activity_id == activity.pk:
                _delete_file_on_commit(attachment.file)
                attachment.delete()
        for name, upload in attachments:
            ActivityAttachment.objects.create(
                activity=activity,
                file=upload,
                name=(name or upload.name)[:200],
                created_by=by,
                modified_by=by,
            )
        transaction.on_commit(
            lambda: activity_saved.send(sender=Activity, activity=activity, created=created)
        )
    return activity


def _delete_file_on_commit(stored_file) -> None:
    if not stored_file:
        return
    storage, name = stored_file.storage, stored_file.name
    transaction.on_commit(lambda: storage.delete(name))


def delete_activity(activity: Activity, by) -> None:
    """Delete ``activity`` (its history keeps it for restoring) and its attachment files."""
    if not access.can_edit_unit(by, activity.unit):
        raise PermissionDenied
    activity._history_user = by
    with transaction.atomic():
        for attachment in activity.attachments.all():
            _delete_file_on_commit(attachment.file)
        activity.delete()


def find_or_create_partner(name: str, kind: str, country, by) -> PartnerOrganisation:
    """The partner organisation of that name in that country (any letter case), or a new one."""
    name = " ".join(name.split())[:200]
    existing = PartnerOrganisation.objects.filter(name__iexact=name, country=country).first()
    if existing is not None:
        return existing
    partner = PartnerOrganisation(
        name=name,
        kind=kind or PartnerKind.OTHER,
        country=country,
        city=None,
        created_by=by,
        modified_by=by,
    )
    partner._history_user = by
    partner.full_clean(exclude=["created_by", "modified_by"])
    partner.save()
    return partner


def save_partner(partner: PartnerOrganisation, by, expected_version: int | None):
    """Create or update ``partner``; an edit is refused if someone saved it in between."""
    if not access.can_create(by):
        raise PermissionDenied
    partner.modified_by = by
    partner._history_user = by
    if partner.pk is None:
        partner.created_by = by
        partner.save()
        return partner
    return save_versioned(partner, expected_version)
