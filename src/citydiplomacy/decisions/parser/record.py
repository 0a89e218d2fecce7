"""Assembling the output record from a parsed document."""

import re
from datetime import date

from . import fields
from . import vocabulary as v
from .document import Document, Hints
from .errors import DecisionParseError
from .structure import Layout, Part, is_officeholder_section, section_number
from .votes import votes_from_blocks

RECORD_KEYS = (
    "section",
    "title",
    "diary_number",
    "classification_code",
    "language",
    "kind",
    "policymaker",
    "meeting_date",
    "decision",
    "decision_type",
    "processing",
    "votes",
    "presenter",
    "contacts",
    "appeal_type",
    "proposal",
    "justification",
    "attachments",
    "extracts",
    "confidential",
)
KINDS = ("minutes_section", "officeholder_decision", "agenda_item")
APPEAL_TYPES = (
    "no_appeal",
    "rectification_request",
    "administrative_court_appeal",
    "market_court_appeal",
)

_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_FORMAT_LABELS = {"html": "HTML ", "json": "JSON ", "pdf": "PDF "}


def build_record(document: Document, filename: str | None = None) -> dict:
    """The output record (keys in ``RECORD_KEYS``) for a parsed document."""
    layout, hints = document.layout, document.hints
    title = hints.title or fields.header_title(layout.header)
    confidential = bool(title and v.CONFIDENTIAL_TITLE.match(title))
    decision_part = layout.first(v.DECISION)
    proposal_part = layout.first(v.PROPOSAL)
    _check_readable(document, decision_part or proposal_part, confidential)
    kind = hints.kind or _kind(layout, decision_part, proposal_part)
    # An agenda item has no decision yet: what it proposes stands in for it.
    main_part = decision_part or (proposal_part if kind == "agenda_item" else None)
    record = {
        **_identifiers(layout, hints, title),
        "kind": kind,
        "policymaker": hints.policymaker or fields.decision_maker(_lines(main_part)),
        "meeting_date": _valid_date(hints.meeting_date) or _date_in_filename(filename),
        **_decision_fields(layout, hints, main_part, confidential),
        "presenter": fields.presenter(layout),
        "contacts": fields.contacts(layout),
        "appeal_type": fields.appeal_type(layout),
        "proposal": fields.to_markdown(_lines(proposal_part)),
        "justification": fields.to_markdown(layout.all_lines(v.JUSTIFICATION)),
        "attachments": fields.attachments(layout) or hints.attachments,
        "extracts": fields.extracts(layout),
        "confidential": confidential,
    }
    return {key: record[key] for key in RECORD_KEYS}


def _identifiers(layout: Layout, hints: Hints, title: str | None) -> dict:
    diary_line = fields.header_diary_line(layout.header)
    language = hints.language if hints.language in ("fi", "sv") else fields.language(layout)
    return {
        "section": hints.section or fields.header_section(layout.header),
        "title": title,
        "diary_number": fields.normalize_diary_number(hints.diary_number or diary_line),
        "classification_code": fields.normalize_classification(hints.classification_code)
        or fields.classification_from_diary_line(diary_line),
        "language": language,
    }


def _decision_fields(
    layout: Layout, hints: Hints, main_part: Part | None, confidential: bool
) -> dict:
    processing = _lines(layout.first(v.PROCESSING))
    return {
        "decision": fields.to_markdown(_lines(main_part)),
        "decision_type": _decision_type(main_part, confidential),
        "processing": fields.to_markdown(processing),
        # The text's own account of a vote is fuller than the API's counts and names.
        "votes": votes_from_blocks(processing) or hints.votes,
    }


def _lines(part: Part | None) -> list[str]:
    return part.lines if part else []


def _check_readable(document: Document, content: Part | None, confidential: bool) -> None:
    """Refuse input that is not a decision, or a decision cut off before its content."""
    if content or confidential:
        return
    layout = document.layout
    label = _FORMAT_LABELS.get(document.source_format, "")
    empty = next((p for p in layout.parts if p.role in (v.DECISION, v.PROPOSAL)), None)
    if empty:
        raise DecisionParseError(f"truncated {label}record: the '{empty.heading}' part is empty")
    if fields.header_section(layout.header) or fields.header_diary_line(layout.header):
        raise DecisionParseError(
            f"truncated {label}record: section heading found but no decision or proposal part"
        )
    raise DecisionParseError(
        f"{label}input is not a decision record: no section heading and no decision part found"
    )


def _kind(layout: Layout, decision_part: Part | None, proposal_part: Part | None) -> str:
    if decision_part is None and proposal_part is not None:
        return "agenda_item"
    section_line = next((line for line in layout.header if section_number(line)), None)
    if section_line and is_officeholder_section(section_line):
        return "officeholder_decision"
    if any(part.heading == "Päätöksen perustelut" for part in layout.parts) and not proposal_part:
        return "officeholder_decision"
    return "minutes_section"


def _decision_type(main_part: Part | None, confidential: bool) -> str:
    if confidential or main_part is None:
        return "other"
    return fields.decision_type(main_part.heading, main_part.lines)


def _valid_date(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def _date_in_filename(filename: str | None) -> str | None:
    # Last resort: names like "decision_2017-11-13_s11_fi.txt" carry the meeting date.
    match = _FILENAME_DATE.search(filename or "")
    return _valid_date(match.group(1)) if match else None
