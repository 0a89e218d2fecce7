"""JSON records of Helsinki's open decision API (Ahjo) and of paatokset.hel.fi.

Four shapes carry one decision each:

* a decision (``/decisions/{id}``): ``Content`` and ``Motion`` HTML, ``Section``,
  ``CaseIDLabel``, ``ClassificationCode``, ``Organization``, ``Meeting``, ``VotingResults``;
* an agenda item of a meeting (``Meeting.Agenda[]``): ``HTML``, ``Section``, ``AgendaItem``;
* ``{"meeting": {...}, "agenda_item": {...}}``: an agenda item with its meeting;
* a paatokset.hel.fi decision node: ``field_decision_content``, ``field_decision_motion``,
  ``field_decision_section``, ``field_diary_number_label``, ...

The HTML is read like any decision HTML; the other fields become hints that win over
what the text says.
"""

import json
import re

from .document import Document, Hints
from .errors import DecisionParseError
from .html import html_blocks
from .text import document_from_blocks
from .votes import votes_from_api

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_NUMBER = re.compile(r"\d{1,5}")
_OFFICEHOLDER_TYPE_IDS = frozenset({"12", "19"})  # Viranhaltija, Luottamushenkilö


def document_from_json(text: str) -> Document:
    """Read one decision record given as JSON text."""
    record = _single_record(_load(text))
    if "Content" in record or "Motion" in record:
        markups, hints = _decision(record)
    elif any(key.startswith("field_decision_") for key in record):
        markups, hints = _decision_node(record)
    elif isinstance(record.get("agenda_item"), dict):
        markups, hints = _agenda_item(record["agenda_item"], _dict(record.get("meeting")))
    elif "HTML" in record:
        markups, hints = _agenda_item(record, {})
    else:
        raise DecisionParseError(_not_a_decision(record))
    blocks: list[str] = []
    for markup in markups:
        more, language = html_blocks(markup)
        blocks += more
        hints.language = hints.language or language
    return document_from_blocks(blocks, hints, "json")


def _load(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DecisionParseError(
            f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        raise DecisionParseError("invalid JSON: nested too deeply") from exc


def _single_record(data) -> dict:
    if isinstance(data, list):
        if len(data) != 1:
            raise DecisionParseError(
                f"JSON holds a list of {len(data)} records; pass a single decision record"
            )
        data = data[0]
    if not isinstance(data, dict):
        raise DecisionParseError(
            f"JSON is not a decision record: top level is {type(data).__name__}"
        )
    return data


def _not_a_decision(record: dict) -> str:
    if isinstance(record.get("Agenda"), list):
        count = len(record["Agenda"])
        return f"JSON is a meeting with {count} agenda items, not a single decision"
    if "Handlings" in record or "Records" in record:
        return f"JSON is a case ({record.get('CaseIDLabel') or 'no id'}), not a decision"
    return "JSON is not an Ahjo decision record: no Content, Motion or HTML field"


def _decision(record: dict) -> tuple[list[str], Hints]:
    meeting = _dict(record.get("Meeting"))
    organization = _dict(record.get("Organization"))
    officeholder = ("Meeting" in record and not meeting) or (
        _str(organization.get("TypeId")) in _OFFICEHOLDER_TYPE_IDS
    )
    hints = Hints(
        section=_section(record.get("Section")),
        title=_str(record.get("Title")),
        diary_number=_str(record.get("CaseIDLabel")) or _str(record.get("CaseID")),
        classification_code=_str(record.get("ClassificationCode")),
        policymaker=_str(organization.get("Name")),
        meeting_date=_date(meeting.get("DateMeeting")),
        kind="officeholder_decision" if officeholder else None,
        votes=votes_from_api(_list(record.get("VotingResults"))),
        attachments=_titles(record.get("Attachments")),
    )
    return _markups(record.get("Content"), record.get("Motion")), hints


def _decision_node(record: dict) -> tuple[list[str], Hints]:
    meeting = _dict(_embedded_json(record.get("field_decision_meeting")))
    organization = _dict(_embedded_json(record.get("field_decision_organization")))
    has_meeting = bool(meeting or record.get("field_meeting_id"))
    hints = Hints(
        section=_section(record.get("field_decision_section")),
        title=_str(record.get("field_full_title")),
        diary_number=_str(record.get("field_diary_number_label"))
        or _str(record.get("field_diary_number")),
        classification_code=_str(record.get("field_classification_code")),
        policymaker=_str(record.get("field_dm_org_name")) or _str(organization.get("Name")),
        # The meeting's own DateMeeting is local time; field_meeting_date is UTC.
        meeting_date=_date(meeting.get("DateMeeting")) or _date(record.get("field_meeting_date")),
        kind=None if has_meeting else "officeholder_decision",
    )
    markups = _markups(record.get("field_decision_content"), record.get("field_decision_motion"))
    return markups, hints


def _agenda_item(item: dict, meeting: dict) -> tuple[list[str], Hints]:
    hints = Hints(
        section=_section(item.get("Section")),
        title=_str(item.get("AgendaItem")),
        diary_number=_str(item.get("CaseIDLabel")),
        language=_str(_dict(item.get("PDF")).get("Language")),
        policymaker=_str(meeting.get("DecisionMaker")),
        meeting_date=_date(meeting.get("DateMeeting")),
    )
    return _markups(item.get("HTML")), hints


def _markups(*values) -> list[str]:
    return [value for value in values if isinstance(value, str) and value.strip()]


def _titles(attachments) -> list[str]:
    titles = (_str(_dict(item).get("Title")) for item in _list(attachments))
    return [title for title in titles if title]


def _embedded_json(value):
    # paatokset.hel.fi stores sub-objects as JSON strings inside the JSON.
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except (json.JSONDecodeError, RecursionError):
        return None


def _section(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = _NUMBER.search(value) if isinstance(value, str) else None
    return int(match.group()) if match else None


def _date(value) -> str | None:
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def _str(value) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []
