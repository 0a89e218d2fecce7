"""``citydiplomacy manage visits_erase``: erase requesters' personal data past the retention
period now (the scheduler also runs it daily; ``--enqueue`` hands it to the worker)."""

from django.core.management.base import BaseCommand

from citydiplomacy.visits import services, tasks


class Command(BaseCommand):
    help = "Erase the personal data of visit requests finished longer ago than the retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the erasure for the background worker instead of running it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = tasks.erase_expired_personal_data.enqueue()
            self.stdout.write(f"Queued the erasure as task {result.id}.")
            return
        count = services.erase_expired()
        self.stdout.write(f"Erased the personal data of {count} visit request(s).")
