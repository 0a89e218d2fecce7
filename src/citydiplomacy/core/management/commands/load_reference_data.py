from django.core.management.base import BaseCommand

from citydiplomacy.core import reference_data


class Command(BaseCommand):
    help = "Load countries, regions, cities (GeoNames) and the UN SDGs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--min-city-population", type=int, default=15000)

    def handle(self, *args, min_city_population, **options):
        counts = reference_data.load_all(min_city_population)
        summary = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {summary}"))
