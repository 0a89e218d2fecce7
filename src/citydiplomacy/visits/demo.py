"""The demo's visit requests: several dozen examples in every state of the workflow, from
organisations around the world, with programmes, double bookings and outcomes. Dates are
relative to the day the demo is loaded. Idempotent: once loaded, loading again adds nothing.

Runs after the demo's units, users and plan (it uses the plan's spearheads and the
International Affairs unit). No e-mail is sent for the examples.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from citydiplomacy.core.loading import upsert
from citydiplomacy.core.models import Country, OrganisationUnit, Role, Theme, ThemeScheme, User

from . import emails, services
from .models import Transition, VisitRequest, VisitStatus
from .scoring import current_settings
from .triage import organisation_key

S = VisitStatus

TOPICS = [
    ("education", ("Koulutus", "Utbildning", "Education")),
    ("mobility", ("Liikenne ja liikkuminen", "Trafik och mobilitet", "Mobility")),
    ("culture", ("Kulttuuri ja tapahtumat", "Kultur och evenemang", "Culture and events")),
    ("health", ("Terveys ja hyvinvointi", "Hälsa och välfärd", "Health and wellbeing")),
    ("business", ("Elinkeinot ja investoinnit", "Näringsliv och investeringar", "Business")),
    ("urban-planning", ("Kaupunkisuunnittelu", "Stadsplanering", "Urban planning")),
]

# organisation, type, country, city, leader level, size, themes, business potential
ORGANISATIONS = [
    ("Stockholms stad", "city", "SE", "Stockholm", "mayor", 8, ["climate"], "low"),
    ("Oslo kommune", "city", "NO", "Oslo", "mayor", 6, ["climate", "mobility"], "none"),
    ("Københavns Kommune", "city", "DK", "Copenhagen", "director", 12, ["urban-planning"], "none"),
    ("Tallinna Linnavalitsus", "city", "EE", "Tallinn", "mayor", 10, ["digitalisation"], "low"),
    (
        "Beijing Municipal Commerce Bureau",
        "government",
        "CN",
        "Beijing",
        "director",
        15,
        ["business", "digitalisation"],
        "high",
    ),
    (
        "Shanghai Chamber of Commerce",
        "business",
        "CN",
        "Shanghai",
        "expert",
        20,
        ["business"],
        "high",
    ),
    (
        "Ministry of Land, Infrastructure and Transport",
        "government",
        "JP",
        "Tokyo",
        "minister",
        12,
        ["mobility", "climate"],
        "medium",
    ),
    (
        "Seoul Metropolitan Government",
        "city",
        "KR",
        "Seoul",
        "mayor",
        18,
        ["digitalisation"],
        "medium",
    ),
    (
        "Embassy of the United States",
        "embassy",
        "US",
        "Washington",
        "ambassador",
        4,
        ["climate"],
        "low",
    ),
    ("City of Toronto", "city", "CA", "Toronto", "director", 7, ["health"], "none"),
    (
        "Greater London Authority",
        "city",
        "GB",
        "London",
        "director",
        9,
        ["climate", "mobility"],
        "none",
    ),
    ("Landeshauptstadt München", "city", "DE", "Munich", "mayor", 11, ["education"], "low"),
    ("Ville de Paris", "city", "FR", "Paris", "director", 6, ["culture"], "none"),
    ("Gemeente Amsterdam", "city", "NL", "Amsterdam", "expert", 5, ["digitalisation"], "none"),
    (
        "Comune di Milano",
        "city",
        "IT",
        "Milan",
        "director",
        8,
        ["culture", "urban-planning"],
        "low",
    ),
    (
        "Ayuntamiento de Barcelona",
        "city",
        "ES",
        "Barcelona",
        "expert",
        14,
        ["digitalisation"],
        "none",
    ),
    ("Urząd Miasta Stołecznego Warszawy", "city", "PL", "Warsaw", "mayor", 9, ["mobility"], "low"),
    ("Rīgas valstspilsētas pašvaldība", "city", "LV", "Riga", "director", 5, ["education"], "none"),
    ("Vilniaus miesto savivaldybė", "city", "LT", "Vilnius", "mayor", 7, ["digitalisation"], "low"),
    (
        "Smart Nation Singapore",
        "government",
        "SG",
        "Singapore",
        "minister",
        10,
        ["digitalisation"],
        "high",
    ),
    (
        "Indian Institute of Technology Bombay",
        "university",
        "IN",
        "Mumbai",
        "expert",
        25,
        ["education"],
        "medium",
    ),
    ("Prefeitura de São Paulo", "city", "BR", "São Paulo", "director", 6, ["health"], "none"),
    ("City of Melbourne", "city", "AU", "Melbourne", "expert", 4, ["climate"], "none"),
    (
        "Dubai Future Foundation",
        "business",
        "AE",
        "Dubai",
        "director",
        12,
        ["digitalisation"],
        "high",
    ),
    ("Nairobi City County", "city", "KE", "Nairobi", "director", 8, ["urban-planning"], "none"),
    (
        "World Bank Urban Team",
        "international",
        "US",
        "Washington",
        "expert",
        3,
        ["urban-planning", "climate"],
        "low",
    ),
    ("Reykjavíkurborg", "city", "IS", "Reykjavík", "mayor", 5, ["climate"], "none"),
    ("Ukrainian Association of Cities", "ngo", "UA", "Kyiv", "director", 9, ["education"], "none"),
    ("Tokyo Metropolitan Government", "city", "JP", "Tokyo", "mayor", 30, ["climate"], "medium"),
    ("Deutsche Welle", "media", "DE", "Bonn", "expert", 3, ["culture"], "none"),
    (
        "Fraunhofer-Gesellschaft",
        "university",
        "DE",
        "Munich",
        "director",
        6,
        ["digitalisation"],
        "medium",
    ),
    (
        "Estonian Chamber of Commerce",
        "business",
        "EE",
        "Tallinn",
        "director",
        16,
        ["business"],
        "high",
    ),
]

# status → how many; the examples go through the workflow up to that status.
PLAN = [
    (S.RECEIVED, 6),
    (S.TRIAGED, 5),
    (S.ACCEPTED, 4),
    (S.REDIRECTED, 5),
    (S.DECLINED, 6),
    (S.PROGRAMME, 4),
    (S.CONFIRMED, 4),
    (S.HELD, 4),
    (S.FOLLOWED_UP, 4),
    (S.CLOSED, 6),
]
PATHS = {
    S.RECEIVED: [],
    S.TRIAGED: [S.TRIAGED],
    S.ACCEPTED: [S.TRIAGED, S.ACCEPTED],
    S.REDIRECTED: [S.TRIAGED, S.REDIRECTED],
    S.DECLINED: [S.TRIAGED, S.DECLINED],
    S.PROGRAMME: [S.TRIAGED, S.ACCEPTED, "items"],
    S.CONFIRMED: [S.TRIAGED, S.ACCEPTED, "items", S.CONFIRMED],
    S.HELD: [S.TRIAGED, S.ACCEPTED, "items", S.CONFIRMED, S.HELD, "outcomes"],
    S.FOLLOWED_UP: [S.TRIAGED, S.ACCEPTED, "items", S.CONFIRMED, S.HELD, "outcomes",
                    S.FOLLOWED_UP],
    S.CLOSED: [S.TRIAGED, S.ACCEPTED, "items", S.CONFIRMED, S.HELD, "outcomes", S.FOLLOWED_UP,
               S.CLOSED],
}  # fmt: skip
# Days from today to the first day of the visit, by status (negative: in the past).
OFFSETS = {
    S.RECEIVED: (35, 150),
    S.TRIAGED: (30, 120),
    S.ACCEPTED: (40, 100),
    S.REDIRECTED: (20, 90),
    S.DECLINED: (-30, 60),
    S.PROGRAMME: (14, 45),
    S.CONFIRMED: (3, 20),
    S.HELD: (-12, -2),
    S.FOLLOWED_UP: (-60, -15),
    S.CLOSED: (-400, -90),
}
LANGUAGES = ["en", "en", "sv", "fi", "en", "sv"]
PURPOSES = {
    "climate": "To learn how the city reaches carbon neutrality: energy, buildings and transport.",
    "digitalisation": "To study the city's digital services, open data and smart-city pilots.",
    "business": "To meet companies and investors and to explore cooperation.",
    "mobility": "To see public transport, cycling and Mobility as a Service in practice.",
    "education": "To visit schools and learn about the Finnish education system.",
    "culture": "To discuss culture, events and the city's libraries (Oodi).",
    "health": "To learn about health and social services and their digital tools.",
    "urban-planning": "To see new districts such as Kalasatama and Jätkäsaari.",
}
OUTCOMES = [
    ("lead", "Two companies asked for a follow-up meeting on smart-city pilots."),
    ("agreement", "A memorandum of understanding on climate cooperation will be prepared."),
    ("action", "Send the presentation material and the contacts of the hosts."),
]
HOSTS = ["Kaisa Koordinaattori", "Eero Editori", "Deputy Mayor", "Director of Urban Environment"]
VENUES = ["City Hall", "Oodi Central Library", "Kalasatama", "Maria 01", "Think Corner"]


def _ensure_topics() -> None:
    for order, (code, names) in enumerate(TOPICS, start=1):
        values = dict(zip(("name_fi", "name_sv", "name_en"), names, strict=True))
        upsert(
            Theme,
            {"scheme": ThemeScheme.TOPIC, "code": code},
            {"order": order, "name": names[0], **values},
        )


def _aware(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _data(rng, entry, status, today):
    name, kind, country, city, leader, size, themes, potential = entry
    low, high = OFFSETS[status]
    start = today + timedelta(days=rng.randint(low, high))
    length = rng.choice([0, 1, 1, 2])
    received = start - timedelta(days=rng.randint(30, 120))
    if status == S.DECLINED and rng.random() < 0.5:  # some declined for short notice
        received = start - timedelta(days=rng.randint(5, 20))
    received = min(received, today)
    alternatives = []
    if rng.random() < 0.5:
        alt = start + timedelta(days=rng.randint(7, 30))
        alternatives.append((alt, alt + timedelta(days=length)))
    country_row = Country.objects.get(code=country)
    return {
        "organisation_name": name,
        "organisation_type": kind,
        "country": country_row,
        "city_name": city,
        "city": country_row.cities.filter(name__iexact=city).order_by("-population").first(),
        "delegation_size": size,
        "leader_level": leader,
        "leader_title": "",
        "desired_start": start,
        "desired_end": start + timedelta(days=length),
        "alternatives": alternatives,
        "themes": list(Theme.objects.filter(code__in=themes)),
        "purpose": " ".join(PURPOSES[t] for t in themes),
        "wished_meetings": "City Executive Office; Forum Virium Helsinki",
        "contact_name": f"Example Contact {rng.randint(100, 999)}",
        "contact_email": f"contact{rng.randint(1000, 9999)}@example.invalid",
        "received_at": _aware(received, rng.randint(8, 17), rng.randint(0, 59)),
    }, potential


def _programme(rng, visit, user, clash_with=None) -> None:
    day = visit.first_day
    slots = [(9, 0, 10, 0), (10, 30, 12, 0), (13, 0, 14, 30)]
    for n, (h1, m1, h2, m2) in enumerate(slots):
        services.add_programme_item(
            visit,
            user,
            notify=False,
            starts_at=_aware(day, h1, m1),
            ends_at=_aware(day, h2, m2),
            title=["Welcome and presentation of the city", "Site visit", "Working lunch"][n],
            venue=VENUES[(visit.pk + n) % len(VENUES)],
            host_name=HOSTS[(visit.pk + n) % len(HOSTS)],
        )
    if clash_with is not None:  # a deliberate double booking for the demo
        services.add_programme_item(
            visit,
            user,
            notify=False,
            starts_at=_aware(day, 9, 30),
            ends_at=_aware(day, 10, 30),
            title="Meeting with the Deputy Mayor",
            venue="City Hall",
            host_name=clash_with,
        )


@transaction.atomic
def load() -> int:
    """Create the example requests; returns how many the demo has."""
    _ensure_topics()
    emails.ensure_defaults()
    settings_row = current_settings()
    intake = OrganisationUnit.objects.filter(code="kanslia-kv").first()
    if intake is not None and settings_row.intake_unit_id is None:
        settings_row.intake_unit = intake
        settings_row.save()
    keys = {organisation_key(entry[0]) for entry in ORGANISATIONS}
    existing = VisitRequest.objects.filter(organisation_key__in=keys).count()
    if existing:
        return existing
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    redirect_units = list(
        OrganisationUnit.objects.filter(code__in=["kymp", "kasko", "helsinki-partners", "kuva"])
    )
    rng = random.Random(2018)
    today = timezone.localdate()
    count = 0
    for status, how_many in PLAN:
        for _ in range(how_many):
            entry = ORGANISATIONS[count % len(ORGANISATIONS)]
            data, potential = _data(rng, entry, status, today)
            visit = services.submit_request(
                data, language=LANGUAGES[count % len(LANGUAGES)], notify=False
            )
            if potential != "none":
                VisitRequest.objects.filter(pk=visit.pk).update(business_potential=potential)
                visit.refresh_from_db()
                services.rescore(visit)
            for step in PATHS[status]:
                visit.refresh_from_db()
                if step == "items":
                    clash = HOSTS[(visit.pk + 1) % len(HOSTS)] if count % 3 == 0 else None
                    _programme(rng, visit, coordinator, clash_with=clash)
                elif step == "outcomes":
                    for kind, text in rng.sample(OUTCOMES, 2):
                        services.add_outcome(visit, coordinator, kind=kind, description=text)
                else:
                    decision = services.Decision()
                    if step == S.REDIRECTED:
                        decision.redirected_to = rng.choice(redirect_units or [None])
                        decision.redirected_partner = (
                            "" if decision.redirected_to else "Business Finland"
                        )
                    services.transition(visit, step, coordinator, decision, notify=False)
            _spread_history(visit, today)
            count += 1
    return count


def _spread_history(visit, today: date) -> None:
    """Date the example's steps between its arrival and today, as if handled over time."""
    steps = list(Transition.objects.filter(visit=visit).order_by("pk"))
    received = visit.received_at
    latest = timezone.make_aware(datetime.combine(today, time(16)))
    for n, step in enumerate(steps):
        when = min(received + timedelta(days=3 * n, hours=n), latest)
        if step.to_status in (S.HELD, S.FOLLOWED_UP, S.CLOSED):
            when = min(_aware(visit.last_day, 17) + timedelta(days=7 * (n - 4)), latest)
        Transition.objects.filter(pk=step.pk).update(at=max(when, received))
    finished = [s for s in steps if s.to_status in (S.REDIRECTED, S.DECLINED, S.CLOSED)]
    if finished:
        finished_at = Transition.objects.get(pk=finished[-1].pk).at
        VisitRequest.objects.filter(pk=visit.pk).update(finished_at=finished_at)
