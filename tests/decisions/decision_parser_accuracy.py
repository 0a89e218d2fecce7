"""Per-field accuracy of the decision parser over the 28 samples.

Each field is compared with the samples' ground truth: ``manifest.json`` where it has
the field, else the raw API JSON (read with plain regular expressions). Every sample is
read twice: from its text (``samples/*.txt``) and from its API JSON (``raw/*.json``).
No deviation is excused here; the tests name the ones that are expected.

Run: ``PYTHONPATH=src python -m tests.decisions.decision_parser_accuracy``
"""

import re
import sys
from collections.abc import Callable

from citydiplomacy.decisions.parser import parse
from tests.decisions.ahjo_fixtures import (
    APPEAL_TYPES,
    DATA,
    DECISION_TYPES,
    KINDS,
    html_contact_emails,
    html_extract_recipients,
    html_presenter_lines,
    manifest,
)

Check = Callable[[dict, dict], bool]


def _section(item: dict) -> int | None:
    match = re.search(r"\d+", item["section"] or "")
    return int(match.group()) if match else None


def _classification(item: dict) -> str | None:
    code = (item["diary_and_class"] or "").partition(" T ")[2]
    match = re.match(r"\d{2}(?: \d{2}){2,3}", item.get("classification") or "")
    return code or (match.group() if match else None)


def _policymaker(record: dict, item: dict) -> bool:
    names = {(item["policymaker"] or "").casefold(), (item["policymaker_sv"] or "").casefold()}
    return (record["policymaker"] or "").casefold() in names


def _decision_start(record: dict, item: dict) -> bool:
    start = " ".join((item["decision_text_start"] or "").split())
    # List markers are Markdown formatting; the manifest's sentence has none.
    text = " ".join(re.sub(r"(?m)^(?:- |\d+\. )", "", record["decision"] or "").split())
    return text.startswith(start) and bool(start) == bool(text)


def _presenter(record: dict, item: dict) -> bool:
    lines = html_presenter_lines(item)
    expected = {"title": lines[0], "name": lines[1] if len(lines) > 1 else None} if lines else None
    return record["presenter"] == expected


CHECKS: dict[str, Check] = {
    "section": lambda r, i: r["section"] == _section(i),
    "title": lambda r, i: r["title"] == i["title"],
    "diary_number": lambda r, i: r["diary_number"] == i["case_id"],
    "classification_code": lambda r, i: r["classification_code"] == _classification(i),
    "language": lambda r, i: r["language"] == i["language"],
    "kind": lambda r, i: r["kind"] == KINDS[i["kind"].split()[0]],
    "policymaker": _policymaker,
    "meeting_date": lambda r, i: r["meeting_date"] == ((i["meeting_date"] or "")[:10] or None),
    "decision": _decision_start,
    "decision_type": lambda r, i: r["decision_type"] == DECISION_TYPES[i["decision_type"]],
    "processing": lambda r, i: (r["processing"] is not None) == i["has_kasittely"],
    "votes": lambda r, i: bool(r["votes"]) == i["has_vote"],
    "presenter": _presenter,
    "contacts": lambda r, i: {c["email"] for c in r["contacts"]} == html_contact_emails(i),
    "appeal_type": lambda r, i: r["appeal_type"] == APPEAL_TYPES[i["appeal"]],
    "attachments": lambda r, i: (
        r["attachments"] == [re.sub(r"^\d+ ", "", title) for title in i["attachments"]]
    ),
    "extracts": lambda r, i: r["extracts"] == html_extract_recipients(i),
    "confidential": lambda r, i: r["confidential"] == (i["decision_type"] == "CONFIDENTIAL"),
}


def accuracy() -> dict[str, dict[str, list[int]]]:
    """{field: {"text": [ids wrong], "json": [ids wrong]}} over all samples."""
    wrong: dict[str, dict[str, list[int]]] = {f: {"text": [], "json": []} for f in CHECKS}
    for item in manifest():
        records = {"text": parse(DATA / item["file"]), "json": parse(DATA / item["raw"])}
        for field, check in CHECKS.items():
            for source, record in records.items():
                if not check(record, item):
                    wrong[field][source].append(item["id"])
    return wrong


def report() -> str:
    """The accuracy table as Markdown."""
    total = len(manifest())
    rows = [
        "| field | from text | from API JSON | samples wrong (text / JSON) |",
        "|---|---|---|---|",
    ]
    for field, wrong in accuracy().items():
        cells = [f"{total - len(wrong[s])}/{total}" for s in ("text", "json")]
        ids = " / ".join(", ".join(map(str, wrong[s])) or "–" for s in ("text", "json"))
        rows.append(f"| {field} | {cells[0]} | {cells[1]} | {ids} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(report() + "\n")
