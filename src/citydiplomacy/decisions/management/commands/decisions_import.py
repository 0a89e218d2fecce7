"""citydiplomacy manage decisions_import FILES… — import decision records from files."""

from django.core.management.base import BaseCommand, CommandError

from citydiplomacy.core.models import OrganisationUnit

from ... import services
from ...cli import print_summary


class Command(BaseCommand):
    help = (
        "Import decision records (text, PDF, HTML or decision-API JSON). Prints the numbers "
        "created, updated and failed, and one line per failed file; exits 1 if any failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="decision record files")
        parser.add_argument(
            "--unit",
            help="code of the unit that owns the decisions (default: the City Executive Office)",
        )

    def handle(self, *args, **options):
        unit = None
        if options["unit"]:
            unit = OrganisationUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"no unit with the code {options['unit']!r}", returncode=2)
        try:
            summary = services.import_files(options["files"], unit=unit)
        except services.ImportRefused as refused:
            raise CommandError(str(refused), returncode=2) from None
        print_summary(summary, self.stdout, self.stderr)
        if summary.failed:
            raise CommandError(f"{len(summary.failed)} file(s) failed", returncode=1)
