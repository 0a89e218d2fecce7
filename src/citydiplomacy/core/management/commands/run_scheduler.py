import time

from django.core.management.base import BaseCommand

from citydiplomacy.core import schedule


class Command(BaseCommand):
    help = "Enqueue the daily background jobs when they are due (every minute; --once: now)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            for name in schedule.enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)
