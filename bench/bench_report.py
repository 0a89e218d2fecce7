"""Time of the follow-up report for a large plan: 500 measures, 10,000 status updates and
2,000 indicator values (250 indicators × 4 years × target and actual), read by a coordinator
(who sees everything), in a fresh in-memory SQLite test database.

Target (issue): the PDF in under 15 s.

Run: ``python bench/bench_report.py [--lang fi] [--out DIR]`` (``--out`` keeps the files).
"""

import argparse
import logging
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

MEASURES, UPDATES, INDICATORS, YEARS = 500, 10_000, 250, (2018, 2019, 2020, 2021)
TARGET_PDF_SECONDS = 15.0
STATUSES = ["not_started", "on_track", "on_track", "on_track", "at_risk", "delayed", "completed"]


def _setup_database():
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    # As in the tests: static files from the apps, not a collectstatic manifest.
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _translated(field: str, fi: str, sv: str, en: str) -> dict:
    return {field: fi, f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


def build_plan(rng: random.Random):
    """The large plan, inserted in bulk; returns it and its coordinator."""
    from citydiplomacy.core.models import OrganisationUnit, User, Visibility
    from citydiplomacy.plan.models import (
        Indicator,
        IndicatorValue,
        Measure,
        Objective,
        Plan,
        StatusUpdate,
    )

    units = [
        OrganisationUnit.objects.create(code=f"unit-{i}", name=f"Toimiala {i}", kind="division")
        for i in range(12)
    ]
    coordinator = User.objects.create(username="coordinator", role="coordinator")
    plan = Plan.objects.create(
        unit=units[0],
        visibility=Visibility.PUBLIC,
        start_year=YEARS[0],
        end_year=YEARS[-1],
        status="in_force",
        **_translated(
            "title",
            "Kansainvälisen toiminnan suunnitelma",
            "Plan för internationell verksamhet",
            "International activity plan",
        ),
        **_translated("decided_by", "Kaupunginhallitus", "Stadsstyrelsen", "City Board"),
    )
    objectives = [
        Objective.objects.create(
            plan=plan, number=n, **_translated("title", f"Tavoite {n}", f"Mål {n}", f"Goal {n}")
        )
        for n in range(1, 8)
    ]
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            unit=rng.choice(units),
            code=f"{i % 7 + 1}.{i // 7 + 1}",
            visibility=rng.choice(list(Visibility.values)),
            status=rng.choice(STATUSES),
            progress=rng.randint(0, 100),
            **_translated(
                "title",
                f"Toimenpide {i} kansainvälisen yhteistyön edistämiseksi",
                f"Åtgärd {i}",
                f"Measure {i}",
            ),
        )
        for i in range(MEASURES)
    )
    links = Measure.objects.model.objectives.through
    links.objects.bulk_create(
        links(measure_id=m.pk, objective_id=o.pk)
        for i, m in enumerate(measures)
        for o in {objectives[i % 7], rng.choice(objectives)}
    )
    span = (date(YEARS[-1], 12, 31) - date(YEARS[0], 1, 1)).days
    text = "Toimenpide eteni suunnitellusti: tapaamisia, vierailuja ja yhteisiä hankkeita. " * 3
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            measure=measures[i % MEASURES],
            reported_on=date(YEARS[0], 1, 1) + timedelta(days=rng.randint(0, span)),
            status=rng.choice(STATUSES),
            progress=rng.randint(0, 100),
            text=text,
            author=coordinator,
        )
        for i in range(UPDATES)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            plan=plan,
            objective=objectives[i % 7] if i % 2 else None,
            measure=None if i % 2 else measures[i],
            code=f"indicator-{i}",
            unit="kpl",
            baseline_year=YEARS[0] - 1,
            baseline_value=rng.uniform(10, 100),
            **_translated("name", f"Indikaattori {i}", f"Indikator {i}", f"Indicator {i}"),
        )
        for i in range(INDICATORS)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, year=year, kind=kind, value=rng.uniform(0, 200))
        for indicator in indicators
        for year in YEARS
        for kind in ("target", "actual")
    )
    return plan, coordinator


def _timed(function, *args):
    """The result, the wall-clock seconds and this process's CPU seconds (which tell more on a
    machine busy with other work)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fi", choices=["fi", "sv", "en"])
    parser.add_argument("--out", type=Path, help="keep the PDF and DOCX in this directory")
    options = parser.parse_args(argv)
    _setup_database()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # not a line per page

    # Imported after django.setup(); registering the plan's sections (also done by ready()).
    from citydiplomacy.plan import report_sections  # noqa: F401
    from citydiplomacy.plan.models import IndicatorValue, StatusUpdate
    from citydiplomacy.reports import followup
    from citydiplomacy.reports.render_docx import render_docx
    from citydiplomacy.reports.render_pdf import render_pdf

    plan, user = build_plan(random.Random(2018))
    counts = (plan.measures.count(), StatusUpdate.objects.count(), IndicatorValue.objects.count())
    report, build_s, build_cpu = _timed(followup.build_report, plan, user, options.lang)
    pdf, pdf_s, pdf_cpu = _timed(render_pdf, report)
    docx, docx_s, docx_cpu = _timed(render_docx, report)
    if options.out:
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "bench-report.pdf").write_bytes(pdf)
        (options.out / "bench-report.docx").write_bytes(docx)

    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} CPUs · load {os.getloadavg()[0]:.1f} · Python "
        f"{platform.python_version()}"
    )
    print(f"plan: {counts[0]} measures, {counts[1]} status updates, {counts[2]} indicator values")
    print(f"{'step':<28}{'wall s':>8}{'CPU s':>8}{'size':>10}")
    rows = [
        ("build report (queries)", build_s, build_cpu, ""),
        ("PDF (build + render)", build_s + pdf_s, build_cpu + pdf_cpu, f"{len(pdf) // 1024} kB"),
        (
            "DOCX (build + render)",
            build_s + docx_s,
            build_cpu + docx_cpu,
            f"{len(docx) // 1024} kB",
        ),
    ]
    for name, wall, cpu, size in rows:
        print(f"{name:<28}{wall:>8.2f}{cpu:>8.2f}{size:>10}")
    within = build_s + pdf_s < TARGET_PDF_SECONDS
    print(f"PDF target < {TARGET_PDF_SECONDS:.0f} s (wall): {'met' if within else 'MISSED'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
