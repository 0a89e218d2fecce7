"""`citydiplomacy decisions import FILES… [--unit CODE]`: import decision records.

``main(argv)`` takes the arguments after ``import``, so the project CLI hands them on. It
prints "created N, updated N, failed N" and one line per failed file ("name: error") on
standard error, and returns 1 if any file failed, 2 on a usage error.
"""

import argparse
import sys


def print_summary(summary, out=sys.stdout, err=sys.stderr) -> None:
    out.write(summary.counts_line() + "\n")
    for name, error in summary.failed:
        err.write(f"{name}: {error}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="citydiplomacy decisions import",
        description="Import decision records (text, PDF, HTML or decision-API JSON).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--unit", help="code of the unit that owns the decisions")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    from citydiplomacy.cli import _home, _setup_django

    _home()
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    options = {"unit": args.unit} if args.unit else {}
    try:
        call_command("decisions_import", *args.files, **options)
    except CommandError as error:
        if error.returncode == 1:
            return 1  # the failures are already printed, one per line
        sys.stderr.write(f"error: {error}\n")
        return 2
    return 0
