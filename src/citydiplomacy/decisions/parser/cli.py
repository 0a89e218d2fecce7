"""Command line: ``citydiplomacy decisions parse FILE [--format F] [--json]``.

``main()`` takes the arguments after ``parse``; ``python -m
citydiplomacy.decisions.parser FILE --json`` runs it too.
"""

import argparse
import json
import logging
import sys
import textwrap
from pathlib import Path

from . import FORMATS, MAX_BYTES, DecisionParseError, parse

EXIT_PARSE_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    """Parse one decision file and print it; return 0, or 2 on a parse error."""
    try:
        args = _argument_parser().parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_PARSE_ERROR
    # pypdf logs a warning per damaged object; the error line below says what matters.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
    try:
        record = _parse_argument(args)
    except DecisionParseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PARSE_ERROR
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        print(summary(record))
    return 0


class _OneLineErrorParser(argparse.ArgumentParser):
    """Usage errors, like parse errors, are one "error: ..." line on stderr."""

    def error(self, message: str):
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_PARSE_ERROR)


def _argument_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrorParser(
        prog="citydiplomacy decisions parse",
        description="Parse a City of Helsinki decision record (text, PDF, HTML or API JSON).",
    )
    parser.add_argument("file", metavar="FILE", help="decision file, or - for standard input")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="input format")
    parser.add_argument("--json", action="store_true", help="print the record as JSON")
    parser.add_argument(
        "--max-bytes", type=int, default=MAX_BYTES, help="refuse larger input (default 20 MB)"
    )
    return parser


def _parse_argument(args: argparse.Namespace) -> dict:
    if args.file == "-":
        data = sys.stdin.buffer.read(args.max_bytes + 1)
        return parse(data, format=args.format, filename=None, max_bytes=args.max_bytes)
    path = Path(args.file)
    return parse(path, format=args.format, filename=path.name, max_bytes=args.max_bytes)


def summary(record: dict) -> str:
    """A short human-readable account of a parsed record."""
    section = f"§ {record['section']} " if record["section"] is not None else ""
    lines = [f"{section}{record['title'] or '(no title)'}"]
    ids = [
        record["diary_number"],
        record["classification_code"] and f"T {record['classification_code']}",
    ]
    lines.append(" · ".join(filter(None, [*ids, record["language"], record["kind"]])))
    lines += _labelled(
        ("Policymaker", record["policymaker"]),
        ("Meeting date", record["meeting_date"]),
        (f"{_decision_label(record)} ({record['decision_type']})", _shorten(record["decision"])),
        ("Votes", _votes_summary(record["votes"])),
        ("Presenter", _presenter_summary(record["presenter"])),
        ("Contacts", "; ".join(_contact_summary(c) for c in record["contacts"])),
        ("Appeal", record["appeal_type"]),
        ("Attachments", "; ".join(record["attachments"])),
        ("Extracts", "; ".join(record["extracts"])),
        ("Confidential", "yes" if record["confidential"] else None),
    )
    return "\n".join(lines)


def _decision_label(record: dict) -> str:
    # An agenda item's "decision" is the decision it proposes.
    return "Proposed decision" if record["kind"] == "agenda_item" else "Decision"


def _labelled(*pairs: tuple[str, str | None]) -> list[str]:
    return [f"{label}: {value}" for label, value in pairs if value]


def _shorten(text: str | None) -> str | None:
    return textwrap.shorten(text, width=300, placeholder=" …") if text else None


def _votes_summary(votes: list[dict]) -> str | None:
    counts = (
        f"{v['yes']} yes, {v['no']} no, {v['blank']} blank, {v['absent']} absent" for v in votes
    )
    return "; ".join(counts) or None


def _presenter_summary(presenter: dict | None) -> str | None:
    if not presenter:
        return None
    return " ".join(filter(None, [presenter["title"], presenter["name"]]))


def _contact_summary(contact: dict) -> str:
    title = f" ({contact['title']})" if contact["title"] else ""
    details = " ".join(filter(None, [contact["phone"], contact["email"]]))
    return f"{contact['name'] or ''}{title} {details}".strip()
