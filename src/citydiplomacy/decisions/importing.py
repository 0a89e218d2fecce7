"""Import of decision records into the database, one file at a time.

Each file is read (after its size is checked), parsed and stored in its own transaction (a
savepoint inside a larger one), so a bad file stores nothing — not its record, its case, its
policymaker nor its source file — and the rest of the batch goes on. A re-imported record
(same diary number, section, policymaker, meeting date and language) updates the stored one.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from citydiplomacy.core.models import OrganisationUnit, Visibility

from . import policymakers
from .linking import fold
from .models import Case, Decision, Meeting, Policymaker
from .parser import MAX_BYTES, DecisionParseError, detect_format, parse

logger = logging.getLogger(__name__)

# The City Executive Office owns what is imported without a unit (command line, demo).
CITY_EXECUTIVE_OFFICE = "kanslia"
# Record keys stored as they are; text parts that may be null are stored as "".
_PLAIN_FIELDS = [
    "language",
    "kind",
    "decision_type",
    "votes",
    "contacts",
    "attachments",
    "extracts",
]
_TEXT_FIELDS = ["title", "diary_number", "classification_code", "decision", "processing"]
_TEXT_FIELDS += ["proposal", "justification", "appeal_type"]


class ImportRefused(Exception):
    """A file that parses but may not be stored (one line, shown to the person importing)."""


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, one-line error)
    decisions: list = field(default_factory=list)  # imported, in the order of the files

    def counts_line(self) -> str:
        return f"created {self.created}, updated {self.updated}, failed {len(self.failed)}"


def import_files(files, user=None, *, unit=None, max_bytes: int = MAX_BYTES) -> ImportSummary:
    """Import every file of ``files`` (uploaded files, or paths) for ``user``.

    The decisions belong to ``unit``, else to the user's unit, else to the City Executive
    Office. Unchanged re-imports count as updated but write nothing. Raises ``ImportRefused``
    only when there is no unit to own the decisions.
    """
    owner = unit or owning_unit(user)
    summary = ImportSummary()
    for source in files:
        source = Path(source) if isinstance(source, str) else source
        name = _file_name(source)
        try:
            decision, created = _import_one(source, name, user, owner, max_bytes)
        except (DecisionParseError, ImportRefused) as error:
            summary.failed.append((name, _one_line(str(error))))
            continue
        except Exception as error:  # one file's surprise must not stop the batch
            logger.exception("Importing decision file %s failed", name)
            summary.failed.append((name, f"could not be stored ({type(error).__name__})"))
            continue
        summary.decisions.append(decision)
        if created:
            summary.created += 1
        else:
            summary.updated += 1
    return summary


def owning_unit(user) -> OrganisationUnit:
    """The importing user's unit, or the City Executive Office (else the city itself)."""
    if user is not None and getattr(user, "unit_id", None):
        return user.unit
    unit = OrganisationUnit.objects.filter(code=CITY_EXECUTIVE_OFFICE).first()
    unit = unit or OrganisationUnit.objects.filter(parent=None, kind="city").first()
    if unit is None:
        raise ImportRefused("no unit to own the decisions: give one (--unit CODE)")
    return unit


def _import_one(source, name: str, user, owner, max_bytes: int):
    data = read_limited(source, max_bytes)
    record = parse(data, filename=name, max_bytes=max_bytes)
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            return _store(record, data, name, user, owner, stored_files)
    except Exception:
        for stored in stored_files:  # the database rolled back; the file system does not
            Decision.source_file.field.storage.delete(stored)
        raise


def read_limited(source, max_bytes: int) -> bytes:
    """The file's bytes; its size is checked first, so a huge file is never read."""
    if isinstance(source, Path) and not source.is_file():
        raise DecisionParseError(f"file not found: {source.name}")
    size = source.stat().st_size if isinstance(source, Path) else getattr(source, "size", None)
    if size is not None and size > max_bytes:
        raise DecisionParseError(_too_large(max_bytes))
    try:
        if isinstance(source, Path):
            with source.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        else:
            source.seek(0)
            data = source.read(max_bytes + 1)
    except OSError as error:
        raise DecisionParseError(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > max_bytes:  # the reported size was wrong or missing
        raise DecisionParseError(_too_large(max_bytes))
    return data


def _too_large(max_bytes: int) -> str:
    return f"input is too large: over the {max_bytes / 1024 / 1024:g} MB limit"


def _store(record: dict, data: bytes, name: str, user, owner, stored_files: list):
    """Create or update the decision of ``record``; returns (decision, created)."""
    from . import services  # services imports this module

    policymaker = resolve_policymaker(record)
    key = identity_key(record, policymaker)
    digest = hashlib.sha256(data).hexdigest()
    decision = Decision.objects.filter(identity_key=key).first()
    created = decision is None
    if created:
        decision = Decision(identity_key=key, unit=owner, created_by=user)
    elif user is not None and not decision.is_editable_by(user):
        raise ImportRefused("already imported by another unit: ask a coordinator to re-import it")
    if created or decision.parsed != record or decision.source_sha256 != digest:
        _fill(decision, record, policymaker)
        _replace_source(decision, name, data, digest, stored_files)
        decision.modified_by = user
        decision.version = 1 if created else decision.version + 1
        decision.save()
    services.propose_follow_ups(decision)
    services.suggest_links(decision)
    return decision, created


def _fill(decision: Decision, record: dict, policymaker) -> None:
    for name in _PLAIN_FIELDS:
        setattr(decision, name, record[name])
    for name in _TEXT_FIELDS:
        setattr(decision, name, record[name] or "")
    decision.section = record["section"]
    decision.confidential = bool(record["confidential"])
    decision.visibility = Visibility.CONFIDENTIAL if record["confidential"] else Visibility.PUBLIC
    presenter = record["presenter"] or {}
    decision.presenter_title = presenter.get("title") or ""
    decision.presenter_name = presenter.get("name") or ""
    decision.policymaker = policymaker
    decision.policymaker_name = record["policymaker"] or ""
    decision.meeting_date = (
        date.fromisoformat(record["meeting_date"]) if record["meeting_date"] else None
    )
    decision.meeting = _meeting(policymaker, decision.meeting_date)
    decision.case = _case(record)
    decision.parsed = record


def _replace_source(decision, name: str, data: bytes, digest: str, stored_files: list) -> None:
    """Store the new source file; the old one is removed once the new record is committed."""
    if decision.source_sha256 == digest and decision.source_file:
        return
    old = decision.source_file.name if decision.source_file else ""
    decision.source_file.save(Path(name).name or "decision", ContentFile(data), save=False)
    stored_files.append(decision.source_file.name)
    decision.source_name = Path(name).name[:255]
    decision.source_format = detect_format(data)
    decision.source_sha256 = digest
    if old:
        storage = Decision.source_file.field.storage
        transaction.on_commit(lambda: storage.delete(old))


def identity_key(record: dict, policymaker) -> str:
    """Diary number, section, policymaker, meeting date and language; a record without a
    diary number (meeting procedure, confidential stubs) adds its title."""
    if policymaker is not None and policymaker.ahjo_id:
        maker = policymaker.ahjo_id
    else:
        maker = fold(" ".join((record["policymaker"] or "").split()))
    parts = [
        record["diary_number"] or "-",
        str(record["section"]) if record["section"] is not None else "-",
        maker or "-",
        record["meeting_date"] or "-",
        record["language"],
    ]
    if not record["diary_number"]:
        parts.append(fold(" ".join((record["title"] or "").split()))[:200])
    return "|".join(parts)[:500]


def resolve_policymaker(record: dict) -> Policymaker | None:
    """The policymaker the record names, created on first sight. Names of the register's bodies
    in either language lead to the same policymaker."""
    name = " ".join((record["policymaker"] or "").split())
    if not name:
        return None
    known = policymakers.lookup(name)
    if known is not None:
        policymaker, _ = Policymaker.objects.get_or_create(
            ahjo_id=known.ahjo_id,
            defaults={"name_fi": known.fi, "name_sv": known.sv, "kind": known.kind},
        )
        return policymaker
    field_name = "name_sv" if record["language"] == "sv" else "name_fi"
    existing = Policymaker.objects.filter(**{f"{field_name}__iexact": name}).first()
    if existing is not None:
        return existing
    kind = policymakers.guess_kind(name, record["kind"])
    return Policymaker.objects.create(**{field_name: name}, kind=kind)


def _meeting(policymaker, meeting_date) -> Meeting | None:
    if policymaker is None or meeting_date is None:
        return None
    return Meeting.objects.get_or_create(policymaker=policymaker, date=meeting_date)[0]


def _case(record: dict) -> Case | None:
    if not record["diary_number"]:
        return None
    case, created = Case.objects.get_or_create(
        diary_number=record["diary_number"],
        defaults={
            "title": (record["title"] or "")[:1000],
            "classification_code": record["classification_code"] or "",
        },
    )
    if not created and not case.classification_code and record["classification_code"]:
        case.classification_code = record["classification_code"]
        case.save(update_fields=["classification_code"])
    return case


def _file_name(source) -> str:
    return Path(getattr(source, "name", None) or str(source)).name or "?"


def _one_line(message: str) -> str:
    return " ".join(message.split())
