"""``benchmark_import FILE [--format …] [--dry-run]``: bring a statistics file into the store."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citydiplomacy.benchmarking.services import importing


class Command(BaseCommand):
    help = (
        "Import a statistics file (Eurostat TSV, SDMX-CSV, data-browser CSV, long or wide CSV) "
        "into the indicator store. Everything or nothing is written; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", default="auto", choices=importing.FORMATS)
        parser.add_argument("--dry-run", action="store_true", help="show what would change")
        parser.add_argument("--source", help="producer, e.g. Eurostat (default for its formats)")
        parser.add_argument("--licence", help="e.g. CC BY 4.0")
        parser.add_argument("--attribution", help="notice shown with the figures")

    def handle(self, *args, **options):
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        extra = {k: options[k] for k in ("source", "licence", "attribution") if options[k]}
        preview = importing.preview_import(path.read_bytes(), path.name, options["format"], **extra)
        if preview.errors:
            raise CommandError(
                f"{path.name}: nothing was imported:\n"
                + "\n".join(f"  {p}" for p in preview.errors)
            )
        self._report(preview)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        batch = importing.apply_import(preview)
        self.stdout.write(self.style.SUCCESS(f"Imported as data vintage #{batch.pk}."))

    def _report(self, preview):
        write = self.stdout.write
        write(f"{preview.file_name}: {preview.format}, dataset {preview.dataset or '-'}")
        if preview.notice:
            write(preview.notice)
        write(f"{'indicator':<16}{'new':>9}{'changed':>9}{'same':>9}{'empty':>9}")
        for c in preview.indicators:
            flag = " (new indicator)" if c.is_new else ""
            write(f"{c.code:<16}{c.created:>9}{c.updated:>9}{c.unchanged:>9}{c.empty:>9}{flag}")
        write(
            f"{'total':<16}{preview.created:>9}{preview.updated:>9}"
            f"{preview.unchanged:>9}{preview.empty:>9}"
        )
        write(f"new cities: {len(preview.new_cities)}; codes added: {len(preview.recoded_cities)}")
        for warning in preview.warnings:
            write(f"note: {warning}")
