"""Time of importing 1,000,000 Eurostat observations into the indicator store: a synthetic
classic Eurostat TSV (1,000 real city codes × 40 real indicator codes × 25 years, every cell a
value, one in twenty flagged), imported into a fresh test database (in-memory SQLite, or
PostgreSQL when ``DATABASE_URL`` is set, e.g. postgres://postgres@127.0.0.1:5432/citydiplomacy_bench).

Target (issue): the import in under 30 s.

Run: ``python bench/bench_benchmarking_import.py [--cities 1000 --indicators 40 --years 25]``.
"""

import argparse
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

TARGET_SECONDS = 30.0


def _setup_database() -> str:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from citydiplomacy.core import places

    places.load_countries_and_regions()
    return connection.vendor


def synthetic_tsv(cities: int, indicators: int, years: int, seed: int = 2024) -> bytes:
    """A classic bulk TSV whose codes all exist in Eurostat's dictionaries."""
    from citydiplomacy.benchmarking.observations.dictionaries import OLD_CITY_CODE
    from citydiplomacy.benchmarking.services.codes import load_dictionaries

    dictionaries = load_dictionaries()
    city_codes = sorted(c for c in dictionaries.cities if OLD_CITY_CODE.fullmatch(c))[:cities]
    indicator_codes = sorted(c for c in dictionaries.indicators if c.endswith("V"))[:indicators]
    if len(city_codes) < cities or len(indicator_codes) < indicators:
        raise SystemExit("not enough dictionary codes for that size")
    rng = random.Random(seed)
    header = "indic_ur,cities\\time\t" + "\t".join(f"{2020 - y} " for y in range(years))
    lines = [header]
    for indicator in indicator_codes:
        for city in city_codes:
            cells = []
            for _year in range(years):
                value = rng.randint(1, 5_000_000)
                cells.append(f"{value} p" if rng.random() < 0.05 else f"{value} ")
            lines.append(f"{indicator},{city}\t" + "\t".join(cells))
    return ("\n".join(lines) + "\n").encode()


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--years", type=int, default=25)
    options = parser.parse_args(argv)
    vendor = _setup_database()

    from citydiplomacy.benchmarking.models import Observation
    from citydiplomacy.benchmarking.services import importing

    data = synthetic_tsv(options.cities, options.indicators, options.years)
    preview, preview_s = _timed(importing.preview_import, data, "urb_bench.tsv")
    if not preview.ok:
        raise SystemExit(f"unexpected errors: {preview.errors[:3]}")
    _batch, apply_s = _timed(importing.apply_import, preview)
    stored = Observation.objects.count()
    again, again_s = _timed(importing.preview_import, data, "urb_bench.tsv")

    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()} · database: {vendor}"
    )
    print(f"file: {len(data) / 1e6:.1f} MB, {preview.cell_count:,} cells; stored {stored:,} rows")
    print(f"{'step':<44}{'seconds':>9}{'rows/s':>12}")
    rows = [
        ("parse + dry run (codes, diff)", preview_s),
        ("apply (cities, batch, bulk insert)", apply_s),
        ("import total", preview_s + apply_s),
        ("dry run of the same file again (no change)", again_s),
    ]
    for label, seconds in rows:
        print(f"{label:<44}{seconds:>9.2f}{stored / seconds:>12,.0f}")
    print(f"unchanged on the second run: {again.unchanged:,}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MiB")
    within = preview_s + apply_s < TARGET_SECONDS
    print(f"target < {TARGET_SECONDS:.0f} s: {'met' if within else 'MISSED'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
