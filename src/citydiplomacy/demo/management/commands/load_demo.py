from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from citydiplomacy.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo: Helsinki's units, demo users and the seed plan (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_demo()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}"))
