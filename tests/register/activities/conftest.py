import datetime

import pytest

from citydiplomacy.core.models import City, Country
from tests.factories import ActivityFactory, PartnerOrganisationFactory


@pytest.fixture
def places(db):
    """Cities and countries of the reference data the tests use."""
    return {
        "helsinki": City.objects.get(name_en="Helsinki"),
        "stockholm": City.objects.get(name_en="Stockholm"),
        "beijing": City.objects.get(name_en="Beijing"),
        "FI": Country.objects.get(code="FI"),
        "SE": Country.objects.get(code="SE"),
        "CN": Country.objects.get(code="CN"),
    }


@pytest.fixture
def make_activity(units):
    """An activity of unit A (by default) with its places and partners linked."""

    def make(cities=(), countries=(), partners=(), **fields):
        fields.setdefault("unit", units["a"])
        activity = ActivityFactory(**fields)
        activity.cities.set(cities)
        activity.countries.set(list(countries) + [c.country for c in cities])
        activity.partners.set(partners)
        return activity

    return make


@pytest.fixture
def partner_org(places):
    return PartnerOrganisationFactory(name="Stockholms stad", country=places["SE"])


def form_data(unit, **overrides):
    """A valid activity form as a browser posts it."""
    data = {
        "kind": "trip",
        "title": "Study trip to Stockholm",
        "description": "Smart city cooperation.",
        "status": "planned",
        "start_date": "2026-05-04",
        "end_date": "2026-05-06",
        "unit": unit.pk,
        "delegation_level": "expert",
        "participant_count": 3,
        "senior_participant_count": 0,
        "visibility": "internal",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
