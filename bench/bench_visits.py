"""Visits at scale: with 10,000 earlier visits in the database (about 2,000 organisations, a
busy calendar), the triage of one request from the database and the public form's submission,
server side, in a fresh test database (SQLite in memory, or PostgreSQL when DATABASE_URL is
set).

Targets (issue): triage of one request < 50 ms; form submission < 200 ms median.
Both are judged on the median CPU time (the machine is shared: wall-clock time also counts
waiting for a core); wall-clock times are printed beside them.

Run: ``python bench/bench_visits.py [--runs 50]``.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta

from bench_report import REPO, _setup_database  # noqa: F401 - sets sys.path

TRIAGE_TARGET_MS = 50.0
SUBMIT_TARGET_MS = 200.0
EARLIER_VISITS = 10_000


def _earlier_visits(rng):
    """10,000 decided requests by ~2,000 organisations over six years, inserted in bulk."""
    from django.utils import timezone

    from citydiplomacy.core.models import Country, OrganisationUnit
    from citydiplomacy.visits.models import VisitRequest
    from citydiplomacy.visits.triage import organisation_key

    unit = OrganisationUnit.objects.create(
        code="intake", name="Kansainväliset asiat", kind="division"
    )
    countries = list(Country.objects.all()[:120])
    today = timezone.localdate()
    names = [
        f"{rng.choice(['The ', ''])}Organisation {n} {rng.choice(['Ltd', 'Oy', 'GmbH', ''])}"
        for n in range(2000)
    ]
    rows = []
    for n in range(EARLIER_VISITS):
        name = rng.choice(names)
        start = today + timedelta(days=rng.randint(-6 * 365, 120))
        end = start + timedelta(days=rng.randint(0, 2))
        decision = rng.choice(["hosted", "hosted", "redirected", "declined"])
        status = {"hosted": "closed", "redirected": "redirected", "declined": "declined"}[decision]
        if start > today and decision == "hosted":
            status = "accepted"
        rows.append(
            VisitRequest(
                reference=f"B{n:06d}",
                status=status,
                organisation_name=name,
                organisation_key=organisation_key(name),
                organisation_type="city",
                country=rng.choice(countries),
                delegation_size=rng.randint(1, 40),
                leader_level=rng.choice(["mayor", "director", "expert", "minister"]),
                desired_start=start,
                desired_end=end,
                start_date=start,
                end_date=end,
                purpose="Earlier visit.",
                received_at=timezone.now() - timedelta(days=rng.randint(0, 6 * 365)),
                decision=decision,
                unit=unit,
            )
        )
    VisitRequest.objects.bulk_create(rows, batch_size=2000)
    return unit, names


def _timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    options = parser.parse_args(argv)
    _setup_database()
    from django.conf import settings
    from django.test.utils import teardown_test_environment

    teardown_test_environment()  # render as in production
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from citydiplomacy.core import places
    from citydiplomacy.core.models import Country
    from citydiplomacy.visits import scoring
    from citydiplomacy.visits.models import VisitRequest
    from citydiplomacy.visits.scoring import current_settings

    places.load_countries_and_regions()
    rng = random.Random(2018)
    unit, names = _earlier_visits(rng)
    settings_row = current_settings()
    settings_row.intake_unit = unit
    settings_row.save()

    visits = list(VisitRequest.objects.order_by("?")[: options.runs + 1])
    scoring.score(visits[0])  # warm up
    triage_wall, triage_cpu = [], []
    for visit in visits[1:]:
        _, wall, cpu = _timed(lambda visit=visit: scoring.score(visit))
        triage_wall.append(wall)
        triage_cpu.append(cpu)

    sweden = Country.objects.get(code="SE").pk
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    start = timezone.localdate() + timedelta(days=60)
    submit_wall, submit_cpu = [], []
    for n in range(options.runs + 1):
        data = {
            "organisation_name": rng.choice(names),
            "organisation_type": "city",
            "country": sweden,
            "city_name": "Stockholm",
            "delegation_size": 8,
            "leader_level": "mayor",
            "desired_start": start.isoformat(),
            "desired_end": (start + timedelta(days=1)).isoformat(),
            "purpose": "Benchmark request.",
            "contact_name": "Bench Mark",
            "contact_email": "bench@example.invalid",
            "privacy_accepted": "on",
        }
        # Each from its own (loopback) address, as many requesters would be.
        address = f"127.0.{n // 250}.{n % 250 + 1}"
        response, wall, cpu = _timed(
            lambda data=data, address=address: client.post(
                "/visits/request/", data, REMOTE_ADDR=address
            )
        )
        assert response.status_code == 302, (response.status_code, response.content[:500])
        if n:  # the first is the warm-up
            submit_wall.append(wall)
            submit_cpu.append(cpu)

    print(f"database: {connection.vendor}; earlier visits: {EARLIER_VISITS:,}")
    print(f"{'measure':<36}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>9}{'target':>9}")
    rows = [
        ("triage of one request", triage_wall, triage_cpu, TRIAGE_TARGET_MS),
        ("public form submission", submit_wall, submit_cpu, SUBMIT_TARGET_MS),
    ]
    met = True
    for label, walls, cpus, target in rows:
        p95 = sorted(walls)[int(0.95 * len(walls)) - 1]
        cpu = statistics.median(cpus)
        met &= cpu < target
        print(f"{label:<36}{statistics.median(walls):>10.1f}{p95:>9.1f}{cpu:>9.1f}{target:>9.0f}")
    verdict = "met" if met else "MISSED"
    print(
        f"targets: triage < {TRIAGE_TARGET_MS:.0f} ms, submission < {SUBMIT_TARGET_MS:.0f} ms "
        f"median (CPU): {verdict}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
