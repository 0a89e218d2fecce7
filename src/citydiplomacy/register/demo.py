"""The demo's example register: a few thousand generated activities, clearly labelled as such.

Deterministic (one seeded generator) and idempotent: the activities carry ``source="demo"``, so a
second load sees them and changes nothing. Every description starts with :data:`MARKER`. Some
overlaps (two units in Brussels the same week) and duplicates (one trip registered twice) are
planted for the coordination radar, which scans the register once at the end.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from citydiplomacy.core.models import City, OrganisationUnit, Theme, Visibility
from citydiplomacy.plan.models import Measure, Objective, Plan, PlanStatus

from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    DelegationLevel,
    PartnerKind,
    PartnerOrganisation,
)
from .services import radar

SOURCE = "demo"
MARKER = "Esimerkkiaineisto – Example data. "
PARTNER_NOTE = "Esimerkkiaineisto – Example data."
FIRST_YEAR, LAST_YEAR = 2019, 2027

# GeoNames ids of the destinations, with a weight: Helsinki works most with its neighbours,
# Brussels, Stockholm and its partner cities in Asia.
DESTINATIONS = {
    588409: 10,  # Tallinn
    2800866: 10,  # Brussels
    2673730: 8,  # Stockholm
    2950159: 5,  # Berlin
    2618425: 5,  # Copenhagen
    3143244: 4,  # Oslo
    1816670: 4,  # Beijing
    1796236: 3,  # Shanghai
    5128581: 3,  # New York
    2643743: 3,  # London
    2988507: 3,  # Paris
    2759794: 3,  # Amsterdam
    456172: 3,  # Riga
    593116: 2,  # Vilnius
    756135: 2,  # Warsaw
    2911298: 2,  # Hamburg
    2867714: 2,  # Munich
    2761369: 2,  # Vienna
    3117735: 2,  # Madrid
    3128760: 2,  # Barcelona
    3169070: 1,  # Rome
    1850147: 2,  # Tokyo
    1835848: 1,  # Seoul
    1880252: 1,  # Singapore
    3413829: 1,  # Reykjavík
    498817: 1,  # Saint Petersburg
}
KIND_WEIGHTS = {
    ActivityKind.TRIP: 30,
    ActivityKind.VISIT: 25,
    ActivityKind.EVENT: 12,
    ActivityKind.CONFERENCE: 14,
    ActivityKind.PROJECT: 6,
    ActivityKind.AGREEMENT: 3,
    ActivityKind.MARKETING: 5,
    ActivityKind.ADVOCACY: 5,
}
DAYS = {  # shortest and longest duration in days
    ActivityKind.TRIP: (1, 5),
    ActivityKind.VISIT: (1, 3),
    ActivityKind.EVENT: (1, 2),
    ActivityKind.CONFERENCE: (2, 4),
    ActivityKind.PROJECT: (120, 700),
    ActivityKind.AGREEMENT: (1, 1),
    ActivityKind.MARKETING: (1, 10),
    ActivityKind.ADVOCACY: (1, 3),
}
TOPICS = [
    "smart city",
    "climate neutrality",
    "circular economy",
    "education exchange",
    "tourism promotion",
    "investment attraction",
    "urban mobility",
    "culture and events",
    "digital services",
    "talent attraction",
    "port cooperation",
    "health and welfare",
    "housing policy",
    "EU funding",
    "startup ecosystem",
]
TITLES = {
    ActivityKind.TRIP: "Delegation to {city}: {topic}",
    ActivityKind.VISIT: "Visitors from {city} on {topic}",
    ActivityKind.EVENT: "{topic_cap} seminar with {city}",
    ActivityKind.CONFERENCE: "{topic_cap} conference in {city}",
    ActivityKind.PROJECT: "{topic_cap} project with {city}",
    ActivityKind.AGREEMENT: "Memorandum on {topic} with {city}",
    ActivityKind.MARKETING: "{topic_cap} campaign in {city}",
    ActivityKind.ADVOCACY: "{topic_cap} advocacy in {city}",
}
PARTNER_PATTERNS = [
    ("City of {city}", PartnerKind.CITY),
    ("{city} Chamber of Commerce", PartnerKind.COMPANY),
    ("University of {city}", PartnerKind.UNIVERSITY),
    ("{city} Business Agency", PartnerKind.GOVERNMENT),
    ("{city} Climate Forum", PartnerKind.NGO),
]
NETWORKS = [
    ("Eurocities", "BE"),
    ("Union of the Baltic Cities", "SE"),
    ("C40 Cities", "GB"),
    ("ICLEI Europe", "DE"),
    ("Committee of the Regions", "BE"),
]
# Planted for the radar: two units in one city in the same week (days apart).
PLANTED_OVERLAPS = [
    (2800866, date(2026, 12, 7), 2),
    (2800866, date(2027, 3, 15), 4),
    (588409, date(2026, 12, 9), 1),
    (2673730, date(2027, 1, 18), 3),
    (2950159, date(2027, 2, 22), 2),
    (1816670, date(2027, 4, 12), 1),
]
DUPLICATE_EDITS = [
    lambda title: title.upper(),
    lambda title: f"{title} {FIRST_YEAR + 7}",
    lambda title: title.replace(":", " –"),
    lambda title: f"{title}.",
]


def is_loaded() -> bool:
    return Activity.objects.filter(source=SOURCE).exists()


def load(count: int = 3000, seed: int = 2019, scan: bool = True) -> int:
    """Create the example register (about ``count`` activities) unless it is there; returns the
    number of example activities."""
    if is_loaded():
        return Activity.objects.filter(source=SOURCE).count()
    with transaction.atomic(), radar.radar_suspended(scan_after=False):
        created = _generate(count, random.Random(seed))
    if scan:
        radar.full_scan()
    return created


def _cities() -> list[tuple[City, int]]:
    found = {c.geonameid: c for c in City.objects.filter(geonameid__in=list(DESTINATIONS))}
    return [(found[gid], weight) for gid, weight in DESTINATIONS.items() if gid in found]


def _partners(cities: list[City]) -> list[PartnerOrganisation]:
    wanted = []
    for city in cities:
        for pattern, kind in PARTNER_PATTERNS:
            wanted.append((pattern.format(city=city.name_en or city.name), kind, city))
    existing = set(PartnerOrganisation.objects.values_list("name", "country_id"))
    new = [
        PartnerOrganisation(
            name=name, kind=kind, country_id=city.country_id, city=city, notes=PARTNER_NOTE
        )
        for name, kind, city in wanted
        if (name, city.country_id) not in existing
    ]
    from citydiplomacy.core.models import Country

    countries = dict(Country.objects.values_list("code", "pk"))
    for name, code in NETWORKS:
        if code in countries and (name, countries[code]) not in existing:
            new.append(
                PartnerOrganisation(
                    name=name,
                    kind=PartnerKind.NETWORK,
                    country_id=countries[code],
                    notes=PARTNER_NOTE,
                )
            )
    PartnerOrganisation.objects.bulk_create(new)
    names = {name for name, _kind, _city in wanted} | {name for name, _code in NETWORKS}
    return list(PartnerOrganisation.objects.filter(name__in=names).order_by("pk"))


def _plans():
    """(first year, last year, objectives, measures) of the plans activities can serve."""
    plans = []
    for plan in Plan.objects.filter(
        status__in=[*PlanStatus.monitored(), PlanStatus.CLOSED]
    ).order_by("start_year"):
        objectives = list(Objective.objects.filter(plan=plan).order_by("number"))
        measures = list(Measure.objects.filter(plan=plan).order_by("code"))
        if plan.status in PlanStatus.monitored():
            # A few measures of the plan in force get no activity: the radar finds them idle.
            measures = measures[: max(0, len(measures) - 3)]
        plans.append((plan.start_year, plan.end_year, objectives, measures))
    return plans


def _generate(count: int, rng: random.Random) -> int:
    today = timezone.localdate()
    units = list(
        OrganisationUnit.objects.internal()
        .filter(is_active=True)
        .exclude(kind="city")
        .order_by("path")
    ) or list(OrganisationUnit.objects.internal().order_by("path"))
    city_weights = _cities()
    if not units or not city_weights:
        return 0
    cities = [city for city, _weight in city_weights]
    weights = [weight for _city, weight in city_weights]
    partners = _partners(cities)
    by_city = {}
    for partner in partners:
        by_city.setdefault(partner.city_id, []).append(partner)
    networks = [p for p in partners if p.city_id is None]
    themes = list(Theme.objects.filter(scheme__in=["spearhead", "sdg"]).order_by("scheme", "order"))
    plans = _plans()
    # Each city has a unit that goes there most: repeats by one unit are no overlap.
    main_unit = {city.pk: units[rng.randrange(len(units))] for city in cities}
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    first, last = date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal()

    specs = []
    for _ in range(count):
        kind = rng.choices(kinds, kind_weights)[0]
        city = rng.choices(cities, weights)[0]
        unit = main_unit[city.pk] if rng.random() < 0.7 else units[rng.randrange(len(units))]
        start = date.fromordinal(rng.randrange(first, last))
        low, high = DAYS[kind]
        end = min(start + timedelta(days=rng.randint(low, high) - 1), date(LAST_YEAR, 12, 31))
        specs.append(_spec(rng, kind, unit, city, start, end, today))
    for city_id, start, gap in PLANTED_OVERLAPS:
        city = next((c for c in cities if c.geonameid == city_id), None)
        if city is None:
            continue
        first_unit, second_unit = rng.sample(units, 2) if len(units) > 1 else (units[0], units[0])
        for unit, offset, kind in (
            (first_unit, 0, ActivityKind.TRIP),
            (second_unit, gap, ActivityKind.CONFERENCE),
        ):
            begin = start + timedelta(days=offset)
            specs.append(_spec(rng, kind, unit, city, begin, begin + timedelta(days=2), today))
    # Planted duplicates: the same trip registered again, its title slightly different.
    trips = [s for s in specs if s["kind"] == ActivityKind.TRIP and s["end"] >= date(2025, 1, 1)]
    for n, original in enumerate(rng.sample(trips, min(len(trips), max(2, count // 400)))):
        copy = dict(original)
        copy["title"] = DUPLICATE_EDITS[n % len(DUPLICATE_EDITS)](original["title"])[:300]
        if n % 2:
            copy["unit"] = units[rng.randrange(len(units))]
        specs.append(copy)

    activities = []
    for number, spec in enumerate(specs, start=1):
        activities.append(
            Activity(
                source=SOURCE,
                source_id=number,
                kind=spec["kind"],
                title=spec["title"],
                description=MARKER + spec["description"],
                status=spec["status"],
                start_date=spec["start"],
                end_date=spec["end"],
                unit=spec["unit"],
                visibility=spec["visibility"],
                delegation_level=spec["level"],
                participant_count=spec["participants"],
                senior_participant_count=spec["senior"],
                budget=spec["budget"],
                actual_cost=spec["cost"],
                outcomes=spec["outcomes"],
            )
        )
    Activity.objects.bulk_create(activities, batch_size=1000)
    saved = dict(Activity.objects.filter(source=SOURCE).values_list("source_id", "pk"))
    links = {
        name: [] for name in ("cities", "countries", "partners", "themes", "objectives", "measures")
    }
    for number, spec in enumerate(specs, start=1):
        activity_id = saved[number]
        city = spec["city"]
        links["cities"].append((activity_id, city.pk))
        links["countries"].append((activity_id, city.country_id))
        partner_rng = random.Random(number)
        local = by_city.get(city.pk, [])
        if spec.get("partner") is None:
            spec["partner"] = (
                local[partner_rng.randrange(len(local))]
                if local and partner_rng.random() < 0.6
                else (
                    networks[partner_rng.randrange(len(networks))]
                    if networks and partner_rng.random() < 0.3
                    else False
                )
            )
        if spec["partner"]:
            links["partners"].append((activity_id, spec["partner"].pk))
        for theme in partner_rng.sample(themes, min(len(themes), partner_rng.randint(1, 2))):
            links["themes"].append((activity_id, theme.pk))
        for first_year, last_year, objectives, measures in plans:
            if first_year <= spec["start"].year <= last_year:
                if objectives:
                    links["objectives"].append(
                        (activity_id, objectives[partner_rng.randrange(len(objectives))].pk)
                    )
                if measures and partner_rng.random() < 0.6:
                    links["measures"].append(
                        (activity_id, measures[partner_rng.randrange(len(measures))].pk)
                    )
                break
    columns = {
        "cities": "city_id",
        "countries": "country_id",
        "partners": "partnerorganisation_id",
        "themes": "theme_id",
        "objectives": "objective_id",
        "measures": "measure_id",
    }
    for field, pairs in links.items():
        through = Activity._meta.get_field(field).remote_field.through
        through.objects.bulk_create(
            [through(activity_id=a, **{columns[field]: b}) for a, b in dict.fromkeys(pairs)],
            batch_size=2000,
        )
    return len(activities)


def _spec(rng, kind, unit, city, start, end, today) -> dict:
    topic = rng.choice(TOPICS)
    name = city.name_en or city.name
    title = TITLES[kind].format(city=name, topic=topic, topic_cap=topic[0].upper() + topic[1:])
    if end < today:
        status = ActivityStatus.CANCELLED if rng.random() < 0.04 else ActivityStatus.DONE
    else:
        status = ActivityStatus.CONFIRMED if rng.random() < 0.5 else ActivityStatus.PLANNED
    roll = rng.random()
    visibility = (
        Visibility.CONFIDENTIAL
        if roll < 0.05
        else Visibility.PUBLIC
        if roll < 0.35
        else Visibility.INTERNAL
    )
    level = rng.choices(
        [
            DelegationLevel.ELECTED,
            DelegationLevel.DIRECTOR,
            DelegationLevel.EXPERT,
            DelegationLevel.OTHER,
        ],
        [1, 2, 6, 1],
    )[0]
    participants = rng.randint(1, 8)
    senior = min(participants, rng.randint(1, 2)) if level in DelegationLevel.senior() else 0
    travels = kind in (ActivityKind.TRIP, ActivityKind.CONFERENCE)
    budget = Decimal(rng.randrange(5, 60) * 100 * participants) if travels else None
    if kind == ActivityKind.PROJECT:
        budget = Decimal(rng.randrange(20, 400) * 1000)
    cost = (
        (budget * Decimal(rng.randrange(70, 115)) / 100).quantize(Decimal("1.00"))
        if budget is not None and status == ActivityStatus.DONE
        else None
    )
    return {
        "kind": kind,
        "title": title[:300],
        "description": f"{topic[0].upper() + topic[1:]} — {name}.",
        "status": status,
        "start": start,
        "end": end,
        "unit": unit,
        "city": city,
        "visibility": visibility,
        "level": level,
        "participants": participants,
        "senior": senior,
        "budget": budget,
        "cost": cost,
        "outcomes": "Esimerkki – Example outcome." if status == ActivityStatus.DONE else "",
        "partner": None,
    }
