"""The demo: Helsinki's organisation, demo users, and the plan of the seed decision.

Everything here is idempotent: loading twice changes nothing. The demo users exist only where
``DEMO_MODE`` is on; production settings never create them.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from citydiplomacy.benchmarking import demo as benchmarking_demo
from citydiplomacy.core import reference_data
from citydiplomacy.core.loading import upsert
from citydiplomacy.core.models import (
    City,
    Country,
    OrganisationUnit,
    Region,
    Role,
    Theme,
    ThemeScheme,
    User,
    Visibility,
)
from citydiplomacy.decisions import demo as decisions_demo
from citydiplomacy.demo import plan_example
from citydiplomacy.plan.models import GeographicPriority, Objective, Plan, ThematicPriority, Tool
from citydiplomacy.register import demo as register_demo
from citydiplomacy.register.services.trips import seed_demo_approvals
from citydiplomacy.visits import demo as visits_demo

DATA = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo"
DEMO_USERS = [
    # username, role, unit code, first name, last name
    ("coordinator", Role.COORDINATOR, "kanslia-kv", "Kaisa", "Koordinaattori"),
    ("editor", Role.UNIT_EDITOR, "kymp", "Eero", "Editori"),
    ("viewer", Role.VIEWER, "kanslia", "Ville", "Valtuutettu"),
    ("partner", Role.PARTNER, "espoo", "Pia", "Partneri"),
    ("admin", Role.ADMIN, None, "Aino", "Ylläpitäjä"),
]


def _read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _translated(field: str, texts: dict) -> dict:
    values = {f"{field}_{lang}": text for lang, text in texts.items()}
    values[field] = texts["fi"]
    return values


def load_units() -> int:
    units = _read("units.json")["units"]
    for entry in units:
        parent = OrganisationUnit.objects.get(code=entry["parent"]) if entry.get("parent") else None
        defaults = {"kind": entry["kind"], "parent": parent, **_translated("name", entry["name"])}
        if "abbreviation" in entry:
            defaults |= _translated("abbreviation", entry["abbreviation"])
        upsert(OrganisationUnit, {"code": entry["code"]}, defaults)
    return len(units)


def load_users() -> int:
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo users are created only with DEMO_MODE=true.")
    for username, role, unit_code, first_name, last_name in DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role = role
        user.unit = OrganisationUnit.objects.get(code=unit_code) if unit_code else None
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@demo.citydiplomacy.invalid"
        user.is_staff = user.is_superuser = role == Role.ADMIN
        if not user.has_usable_password() or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
    return len(DEMO_USERS)


def _place(entry: dict) -> dict:
    if "city" in entry:
        return {"city": City.objects.get(geonameid=entry["city"])}
    if "country" in entry:
        return {"country": Country.objects.get(code=entry["country"])}
    return {"region": Region.objects.get(code=entry["region"])}


def load_seed_plan() -> Plan:
    """The plan of the seed decision: 7 objectives, 5 tools, spearheads, geographic priorities."""
    seed = _read("seed_plan.json")
    plan = Plan.objects.filter(title_fi=seed["title"]["fi"], start_year=seed["start_year"]).first()
    fields = {
        **_translated("title", seed["title"]),
        **_translated("summary", seed["summary"]),
        **_translated("decided_by", seed["decided_by"]),
        "start_year": seed["start_year"],
        "end_year": seed["end_year"],
        "status": seed["status"],
        "unit": OrganisationUnit.objects.get(code=seed["unit"]),
        "visibility": Visibility.PUBLIC,
        "is_published": True,
    }
    if plan is None:
        plan = Plan.objects.create(**fields)
    for model, key in ((Objective, "objectives"), (Tool, "tools")):
        for number, texts in enumerate(seed[key], start=1):
            upsert(model, {"plan": plan, "number": number}, _translated("title", texts))
    for order, spearhead in enumerate(seed["spearheads"], start=1):
        theme = upsert(
            Theme,
            {"scheme": ThemeScheme.SPEARHEAD, "code": spearhead["code"]},
            {"order": order, **_translated("name", spearhead["name"])},
        )
        upsert(
            ThematicPriority,
            {"plan": plan, "theme": theme},
            _translated("rationale", spearhead["rationale"]),
        )
    for entry in seed["geographic_priorities"]:
        upsert(
            GeographicPriority,
            {"plan": plan, **_place(entry)},
            {"level": entry["level"], **_translated("rationale", entry["rationale"])},
        )
    return plan


def load_demo() -> dict[str, int]:
    """Everything the demo needs, in one transaction."""
    with transaction.atomic():
        counts = {}
        if not Country.objects.exists() or not City.objects.exists():
            counts |= reference_data.load_all()
        else:
            counts["sdgs"] = reference_data.load_sdgs()
        counts["units"] = load_units()
        counts["users"] = load_users()
        plan = load_seed_plan()
        counts["objectives"] = plan.objectives.count()
        counts["tools"] = plan.tools.count()
        counts["example measures"] = plan_example.load(plan)
        counts["decisions"] = decisions_demo.load(plan)
        counts |= benchmarking_demo.load()
        counts["example activities"] = register_demo.load()
        counts["example trip approvals"] = seed_demo_approvals()
        counts["example visit requests"] = visits_demo.load()
    return counts
