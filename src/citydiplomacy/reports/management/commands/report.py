"""``manage.py report follow-up --plan ID --lang fi --format pdf --out FILE``: the same as
``citydiplomacy report``, for those who run management commands."""

from django.core.management.base import BaseCommand, CommandError

from citydiplomacy.reports import cli


class Command(BaseCommand):
    help = "Write a report (follow-up) of a plan to a file, as PDF, DOCX or HTML."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["follow-up"])
        cli.add_follow_up_arguments(parser)

    def handle(self, *args, **options):
        try:
            path, size = cli.write_follow_up(
                plan_id=options["plan"],
                language=options["lang"],
                file_format=options["format"],
                out=options["out"],
                start=options["start"],
                end=options["end"],
                username=options["user"],
            )
        except cli.CommandError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(f"{path} ({size // 1024 or 1} kB)")
