"""Decisions' fixtures: files under a temporary MEDIA_ROOT, the City Executive Office, a plan
shaped like the seed's, and helpers to import files."""

import json
from pathlib import Path

import pytest

from citydiplomacy.core.models import Visibility
from tests.factories import ObjectiveFactory, PlanFactory, UnitFactory

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "src" / "citydiplomacy" / "demo" / "data" / "seed" / "decision_2017-11-13_s11_fi.txt"
SAMPLES = REPO / "tests" / "data" / "ahjo" / "samples"
CONFIDENTIAL_SAMPLE = SAMPLES / "11_fi_maahanmuutto_tyollisyysjohtaja_2_salassa_pidettava.txt"
SEED_PLAN = json.loads(
    (REPO / "src" / "citydiplomacy" / "demo" / "data" / "seed_plan.json").read_text("utf-8")
)
UNRELATED_OBJECTIVES = [
    "Liikenneturvallisuuden parantaminen kouluteillä",
    "Koulujen sisäilmaongelmien korjaaminen",
    "Kirjastopalvelujen aukioloaikojen pidentäminen",
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Source files go to a fresh directory per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def office(db):
    """The City Executive Office, which owns what is imported without a unit."""
    return UnitFactory(code="kanslia", name="Kaupunginkanslia")


def translated(field: str, texts: dict) -> dict:
    return {field: texts["fi"], **{f"{field}_{lang}": text for lang, text in texts.items()}}


@pytest.fixture
def seed_plan(units):
    """The seed's plan (2018–2021, public, of division A) with its seven objectives, and an
    unrelated plan of division B whose objectives no decision here is about."""
    plan = PlanFactory(
        unit=units["a"],
        visibility=Visibility.PUBLIC,
        start_year=2018,
        end_year=2021,
        **translated("title", SEED_PLAN["title"]),
    )
    for number, texts in enumerate(SEED_PLAN["objectives"], start=1):
        ObjectiveFactory(plan=plan, number=number, **translated("title", texts))
    other = PlanFactory(
        unit=units["b"],
        visibility=Visibility.PUBLIC,
        title="Palveluverkkosuunnitelma",
        title_fi="Palveluverkkosuunnitelma",
        start_year=2018,
        end_year=2021,
    )
    for number, title in enumerate(UNRELATED_OBJECTIVES, start=1):
        ObjectiveFactory(plan=other, number=number, title=title, title_fi=title)
    return plan


@pytest.fixture(autouse=True)
def english_pages(client):
    """These tests read the pages in English (the product's default language is Finnish)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
