"""Scan the whole register with the coordination radar now: ``manage citydiplomacy_radar_scan``."""

import time

from django.core.management.base import BaseCommand

from citydiplomacy.register.services import radar


class Command(BaseCommand):
    help = "Scan the register for overlaps, duplicates and idle measures, and store the findings."

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = radar.full_scan()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{name} {value}" for name, value in counts.items())
        self.stdout.write(f"Radar scan in {seconds:.1f} s: {summary}")
