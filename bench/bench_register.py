"""Server-side time of the register's list page and API list with 200,000 activities, and the
time of a 100,000-row CSV import, in a fresh test database (PostgreSQL when DATABASE_URL is set,
else SQLite in memory).

Targets (issue): the list page and the API list under 150 ms median with a number of queries
that does not depend on the register's size; the import of 100,000 rows under 60 s; the same
file with one bad row in the middle writes nothing and reports that row.

Run: ``DATABASE_URL=postgres://… python bench/bench_register.py [--activities 200000]
[--rows 100000] [--runs 20]``. Exits non-zero when a target is missed.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

TARGET_LIST_MS = 150.0
TARGET_IMPORT_S = 60.0
TARGET_SAVE_CHECK_MS = 50.0
UNITS = 24
YEARS = range(2017, 2027)
BATCH = 10_000
SMALL = 1_000  # the register size at which query counts are first taken


def _setup_database():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else "test_citydiplomacy_register_sheets"
    )
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    import tempfile

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-register-")


class World:
    """Units, users, places, themes and partners that the generated activities refer to."""

    def __init__(self, rng: random.Random):
        from citydiplomacy.core import reference_data
        from citydiplomacy.core.models import City, OrganisationUnit, Theme, User
        from citydiplomacy.register.models import PartnerOrganisation

        reference_data.load_all(min_city_population=50_000)
        self.rng = rng
        self.units = [
            OrganisationUnit.objects.create(
                code=f"unit-{i}", name=f"Toimiala {i}", name_fi=f"Toimiala {i}", kind="division"
            )
            for i in range(UNITS)
        ]
        self.externals = [
            OrganisationUnit.objects.create(
                code=f"external-{i}", name=f"Ministeriö {i}", kind="ministry"
            )
            for i in range(4)
        ]
        self.coordinator = User.objects.create(username="coordinator", role="coordinator")
        self.editor = User.objects.create(username="editor", role="unit_editor", unit=self.units[0])
        cities = list(City.objects.values_list("pk", "country_id", "population"))
        self.cities = cities
        self.weights = [population**0.7 + 1 for _pk, _country, population in cities]
        self.themes = list(Theme.objects.values_list("pk", flat=True))
        partners = PartnerOrganisation.objects.bulk_create(
            PartnerOrganisation(name=f"Kumppani {i}", kind="city", country_id=cities[i][1])
            for i in range(300)
        )
        self.partners = [partner.pk for partner in partners]
        self.created = 0

    def add(self, count: int) -> None:
        """``count`` activities inserted in bulk with their relations."""
        from citydiplomacy.register.models import Activity

        rng = self.rng
        kinds = ["trip", "visit", "event", "project", "conference", "agreement", "marketing"]
        statuses = ["planned", "confirmed", "done", "done", "cancelled"]
        visibilities = ["public"] * 2 + ["internal"] * 7 + ["confidential"]
        levels = ["elected", "director", "expert", "expert", "other"]
        first, span = datetime.date(YEARS[0], 1, 1), len(YEARS) * 365
        through = {
            name: Activity._meta.get_field(name).remote_field.through
            for name in ("countries", "cities", "themes", "partners", "units")
        }
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            activities = []
            for i in range(size):
                start = first + datetime.timedelta(days=rng.randrange(span))
                activities.append(
                    Activity(
                        unit=self.units[rng.randrange(UNITS)],
                        kind=rng.choice(kinds),
                        title=f"Toiminto {self.created + done + i} yhteistyö",
                        description="Kansainvälinen tapaaminen ja verkostoituminen.",
                        status=rng.choice(statuses),
                        visibility=rng.choice(visibilities),
                        delegation_level=rng.choice(levels),
                        start_date=start,
                        end_date=start + datetime.timedelta(days=rng.choice((0, 0, 1, 2, 4))),
                    )
                )
            Activity.objects.bulk_create(activities, batch_size=BATCH)
            links = {name: [] for name in through}
            picked = rng.choices(self.cities, weights=self.weights, k=size)
            for activity, (city, country, _population) in zip(activities, picked, strict=True):
                a = activity.pk
                if rng.random() < 0.95:
                    links["countries"].append(
                        through["countries"](activity_id=a, country_id=country)
                    )
                    if rng.random() < 0.8:
                        links["cities"].append(through["cities"](activity_id=a, city_id=city))
                for theme in rng.sample(self.themes, rng.choice((0, 1, 1, 2))):
                    links["themes"].append(through["themes"](activity_id=a, theme_id=theme))
                if rng.random() < 0.4:
                    links["partners"].append(
                        through["partners"](
                            activity_id=a, partnerorganisation_id=rng.choice(self.partners)
                        )
                    )
                if rng.random() < 0.2:
                    links["units"].append(
                        through["units"](
                            activity_id=a, organisationunit_id=rng.choice(self.units).pk
                        )
                    )
            for name, rows in links.items():
                through[name].objects.bulk_create(rows, batch_size=BATCH)
            done += size
        self.created += count
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # As autovacuum leaves a table in production: statistics and visibility map.
                cursor.execute("VACUUM ANALYZE")


def _request(client, url) -> tuple[float, float, int]:
    """Wall-clock and CPU milliseconds of one request, and its number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return wall, cpu, len(queries)


def _cases(world) -> list[tuple[str, str, object]]:
    from django.urls import NoReverseMatch, reverse

    sweden_unit = world.units[3].pk
    filters = [
        ("no filter", ""),
        ("trips in 2024", "?kind=trip&start=2024-01-01&end=2024-12-31"),
        ("country SE", "?country=SE"),
        ("unit, done", f"?unit={sweden_unit}&status=done"),
    ]
    cases = []
    try:
        page = reverse("register:list")
    except NoReverseMatch:
        page = None
    for who, user in (("coordinator", world.coordinator), ("editor", world.editor)):
        for label, query in filters:
            if page:
                cases.append((f"list page, {who}, {label}", page + query, user))
            cases.append(
                (f"API list, {who}, {label}", "/api/v1/register/activities/" + query, user)
            )
    return cases


def _query_counts(world, cases) -> dict[str, int]:
    from django.test import Client

    counts = {}
    for label, url, user in cases:
        client = Client(HTTP_ACCEPT_LANGUAGE="fi")
        client.force_login(user)
        _request(client, url)
        counts[label] = _request(client, url)[2]
    return counts


def _import_csv(world, rows: int, bad_row: int | None = None) -> bytes:
    """A CSV of ``rows`` new activities in the export format (one bad date at ``bad_row``)."""
    from citydiplomacy.core.models import Country
    from citydiplomacy.register.spreadsheet import writing

    rng = random.Random(7)
    codes = list(Country.objects.values_list("code", flat=True)[:60])
    themes = ["sdg:sdg-11", "sdg:sdg-13", "sdg:sdg-17"]
    lines = []
    for n in range(rows):
        start = datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        lines.append(
            {
                "kind": rng.choice(["trip", "visit", "event"]),
                "title": f"Tuotu toiminto {n} – Ålands yhteistyö",
                "description": "Tuotu taulukosta.",
                "status": "planned",
                "start_date": start,
                "end_date": start + datetime.timedelta(days=2),
                "unit": world.units[n % UNITS].code,
                "units": (world.units[(n + 1) % UNITS].code,) if n % 3 == 0 else (),
                "external_actors": (),
                "countries": tuple(rng.sample(codes, rng.choice((1, 1, 2)))),
                "cities": (),
                "partners": (f"Kumppani {n % 300}",) if n % 4 == 0 else (),
                "objectives": (),
                "measures": (),
                "themes": tuple(rng.sample(themes, 1)),
                "delegation_level": "expert",
                "participant_count": 3,
                "senior_participant_count": 0,
                "participants": "",
                "budget": None,
                "actual_cost": None,
                "outcomes": "",
                "visibility": "internal",
            }
        )
    if bad_row is not None:
        lines[bad_row - 2]["start_date"] = "31.2.2027"  # row 1 is the header
    return writing.csv_bytes(lines)


def _run_import(world, data: bytes, name: str):
    from django.core.files.base import ContentFile

    from citydiplomacy.register.models import ActivityImport
    from citydiplomacy.register.services import imports

    activity_import = ActivityImport.objects.create(
        file=ContentFile(data, name=name), original_name=name, created_by=world.coordinator
    )
    start = time.perf_counter()
    imports.check_import(activity_import.pk)
    checked = time.perf_counter() - start
    activity_import.refresh_from_db()
    if activity_import.state == "checked":
        imports.confirm_import(activity_import)  # immediate tasks: runs here
    total = time.perf_counter() - start
    activity_import.refresh_from_db()
    return activity_import, checked, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args(argv)
    _setup_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import teardown_test_environment

    teardown_test_environment()  # render as in production
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from citydiplomacy.register.models import Activity

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # JIT compilation costs 300+ ms on these short queries whose cost the planner
            # overestimates; the product's recommended PostgreSQL configuration turns it off.
            cursor.execute("SET jit = off")
    world = World(random.Random(2026))
    build = time.perf_counter()
    world.add(SMALL)
    cases = _cases(world)
    small_counts = _query_counts(world, cases)
    world.add(options.activities - SMALL)
    build = time.perf_counter() - build

    results, missed = [], []
    for label, url, user in cases:
        client = Client(HTTP_ACCEPT_LANGUAGE="fi")
        client.force_login(user)
        _request(client, url)  # warm
        walls, cpus, counts = zip(
            *(_request(client, url) for _ in range(options.runs)), strict=True
        )
        median, cpu = statistics.median(walls), statistics.median(cpus)
        constant = max(counts) == small_counts[label]
        results.append((label, median, cpu, max(counts), small_counts[label]))
        if median >= TARGET_LIST_MS or not constant:
            missed.append(label)

    jit = " (jit off)" if connection.vendor == "postgresql" else ""
    print(
        f"database: {connection.vendor}{jit}; activities: {Activity.objects.count():,} "
        f"(generated in {build:.0f} s)"
    )
    print(
        f"{'request, server side':<48}{'median ms':>10}{'CPU ms':>8}{'queries':>9}{'at 1,000':>10}"
    )
    for label, median, cpu, queries, small in results:
        print(f"{label:<48}{median:>10.1f}{cpu:>8.1f}{queries:>9}{small:>10}")

    # The radar's check of one saved activity, against everything in the database.
    from citydiplomacy.register.services import radar

    ids = random.Random(7).sample(list(Activity.objects.values_list("pk", flat=True)), 30)
    radar.check_activity(ids[0])  # warm
    timings = []
    for activity_id in ids:
        started = time.perf_counter()
        radar.check_activity(activity_id)
        timings.append((time.perf_counter() - started) * 1000)
    check_ms = statistics.median(timings)
    print(
        f"radar check of one saved activity: median {check_ms:.1f} ms, "
        f"slowest {max(timings):.1f} ms (30 activities)"
    )
    if check_ms >= TARGET_SAVE_CHECK_MS:
        missed.append("radar check on save")

    # The import queues one full radar scan for the background worker when it commits; with
    # the tasks running immediately here it would be timed as part of the import, so it is
    # counted and left out.
    from citydiplomacy.register import tasks_radar

    class QueuedScans:
        count = 0

        def enqueue(self, *args, **kwargs):
            self.count += 1

    queued_scans = tasks_radar.scan_radar = QueuedScans()

    before = Activity.objects.count()
    activity_import, checked, total = _run_import(
        world, _import_csv(world, options.rows), "import.csv"
    )
    imported = Activity.objects.count() - before
    import_ok = (
        activity_import.state == "done" and imported == options.rows and total < TARGET_IMPORT_S
    )
    print(
        f"import of {options.rows:,} CSV rows: dry run {checked:.1f} s, dry run + import "
        f"{total:.1f} s, {imported:,} activities written, state {activity_import.state}"
    )
    print(f"  radar scans queued for the worker by the import: {queued_scans.count}")
    if activity_import.errors:
        print(f"  first errors: {activity_import.errors[:3]}")
    bad_row = options.rows // 2 + 1
    before = Activity.objects.count()
    bad_import, checked, _total = _run_import(
        world, _import_csv(world, options.rows, bad_row=bad_row), "bad.csv"
    )
    reported = [(e["row"], e["column"]) for e in bad_import.errors]
    bad_ok = (
        bad_import.state == "invalid"
        and reported == [(bad_row, "start_date")]
        and Activity.objects.count() == before
    )
    print(
        f"same file with a bad date on row {bad_row:,}: state {bad_import.state}, "
        f"reported {reported}, written {Activity.objects.count() - before} "
        f"(checked in {checked:.1f} s)"
    )
    if not import_ok:
        missed.append("import")
    if not bad_ok:
        missed.append("import with a bad row")
    met = not missed
    print(
        f"targets: list and API < {TARGET_LIST_MS:.0f} ms median with constant queries; "
        f"radar check on save < {TARGET_SAVE_CHECK_MS:.0f} ms; "
        f"import < {TARGET_IMPORT_S:.0f} s; bad row writes nothing: "
        f"{'met' if met else 'MISSED: ' + ', '.join(missed)}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
