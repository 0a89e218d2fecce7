"""``citydiplomacy report follow-up --plan ID --lang fi --format pdf --out FILE``.

Writes the follow-up report of a plan to a file. Without ``--user`` the report is the
public version (what an anonymous visitor may see: public measures only, no personal names);
with ``--user USERNAME`` it contains what that user may see. Assumes Django is set up.
Errors are one line on stderr and exit status 2.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from . import followup

FORMATS = ("pdf", "docx", "html")


class CommandError(Exception):
    """A problem with the command's input, reported as one line."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage and exits; one line and our exit status instead.
    def error(self, message):
        raise CommandError(message)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_follow_up_arguments(parser) -> None:
    """The follow-up report's options (shared with the ``report`` management command)."""
    parser.add_argument("--plan", type=int, required=True, help="the plan's id")
    parser.add_argument("--lang", choices=followup.languages(), required=True)
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", type=Path, required=True, help="the file to write")
    parser.add_argument("--start", type=iso_date, help="period start, YYYY-MM-DD")
    parser.add_argument("--end", type=iso_date, help="period end, YYYY-MM-DD")
    parser.add_argument("--user", help="produce the report for this user (default: public)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="citydiplomacy report", description="Write a report to a file.")
    reports = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
    follow_up = reports.add_parser("follow-up", help="the plan's follow-up report")
    add_follow_up_arguments(follow_up)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        options = build_parser().parse_args(argv)
        path, size = write_follow_up(
            plan_id=options.plan,
            language=options.lang,
            file_format=options.format,
            out=options.out,
            start=options.start,
            end=options.end,
            username=options.user,
        )
    except CommandError as error:
        print(f"citydiplomacy report: error: {error}", file=sys.stderr)
        return 2
    print(f"{path} ({size // 1024 or 1} kB)")
    return 0


def write_follow_up(*, plan_id, language, file_format, out: Path, start, end, username):
    """Build and write the report; returns the path written and its size in bytes."""
    if file_format not in FORMATS:
        raise CommandError(f"unknown format {file_format!r}; choose one of {', '.join(FORMATS)}")
    _check_writable(out)
    user = _user(username)
    plan = followup.visible_plan(user, plan_id)
    if plan is None:
        whom = f"user {username}" if username else "the public (give --user)"
        raise CommandError(f"no plan {plan_id} that {whom} may see")
    try:
        report = followup.build_report(plan, user, language, start, end)
    except followup.ReportError as error:
        raise CommandError(str(error)) from None
    content = _render(report, file_format)
    try:
        out.write_bytes(content)
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror}") from None
    return out, len(content)


def _check_writable(out: Path) -> None:
    # Checked before rendering, which can take seconds on a large plan.
    directory = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise CommandError(f"cannot write {out}: it is a directory")
    if not directory.is_dir():
        raise CommandError(f"cannot write {out}: no directory {directory}")
    if not os.access(directory, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CommandError(f"cannot write {out}: permission denied")


def _user(username: str | None):
    if not username:
        return AnonymousUser()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user {username!r}")
    return user


def _render(report, file_format: str) -> bytes:
    # Imported here: WeasyPrint and python-docx load only for the format asked for.
    if file_format == "pdf":
        from .render_pdf import render_pdf

        return render_pdf(report)
    if file_format == "docx":
        from .render_docx import render_docx

        return render_docx(report)
    from .render_pdf import render_html

    return render_html(report).encode("utf-8")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
