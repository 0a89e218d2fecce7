"""The example register of the demo: labelled, deterministic, idempotent, and the radar finds
what was planted in it."""

import datetime

from citydiplomacy.core.models import OrganisationUnit
from citydiplomacy.demo import loader
from citydiplomacy.register import demo
from citydiplomacy.register.models import Activity, FindingKind, RadarFinding


def _snapshot():
    return list(
        Activity.objects.order_by("source_id").values_list(
            "source_id", "title", "unit__code", "start_date", "end_date", "visibility"
        )
    )


def test_demo_register_loads_once_and_the_radar_finds_what_was_planted(db):
    loader.load_units()
    loader.load_seed_plan()
    created = demo.load(count=300)
    assert 300 < created < 320  # the planted overlaps and duplicates come on top
    first = _snapshot()
    findings = RadarFinding.objects.count()

    assert demo.load(count=300) == created  # loading again changes nothing
    assert _snapshot() == first
    assert RadarFinding.objects.count() == findings

    assert all(
        d.startswith(demo.MARKER) for d in Activity.objects.values_list("description", flat=True)
    )
    internal = set(
        OrganisationUnit.objects.internal().exclude(kind="city").values_list("pk", flat=True)
    )
    assert set(Activity.objects.values_list("unit", flat=True)) <= internal
    assert Activity.objects.filter(visibility="confidential").exists()
    assert Activity.objects.values("partners").exclude(partners=None).exists()

    # Two units in Brussels on 7–9 and 9–11 December 2026: one overlap finding lists both.
    brussels_week = RadarFinding.objects.filter(
        kind=FindingKind.OVERLAP,
        key_type="city",
        start_date__lte=datetime.date(2026, 12, 9),
        end_date__gte=datetime.date(2026, 12, 9),
        key_label="Bryssel",
    )
    assert brussels_week.exists()
    assert brussels_week.first().units.count() >= 2
    assert RadarFinding.objects.filter(kind=FindingKind.DUPLICATE).count() >= 2
    duplicate = RadarFinding.objects.filter(kind=FindingKind.DUPLICATE).first()
    assert duplicate.similarity >= 0.8


def test_demo_is_deterministic(db):
    loader.load_units()
    demo.load(count=120, scan=False)
    first = _snapshot()
    Activity.objects.all().delete()
    demo.load(count=120, scan=False)
    assert [row[1:] for row in _snapshot()] == [row[1:] for row in first]
