import datetime
from decimal import Decimal

import pytest

from citydiplomacy.core.models import City, Country, Theme
from tests.factories import (
    ActivityFactory,
    ObjectiveFactory,
    PartnerOrganisationFactory,
    PlanFactory,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def register(units):
    """A small register: linked to every kind of reference, with empty values and non-ASCII
    text, one confidential activity of unit A."""
    finland, estonia = Country.objects.get(code="FI"), Country.objects.get(code="EE")
    helsinki = City.objects.filter(country=finland).order_by("-population").first()
    tallinn = City.objects.filter(country=estonia).order_by("-population").first()
    partner = PartnerOrganisationFactory(name="Tallinna linn – Linnavalitsus", country=estonia)
    plain_partner = PartnerOrganisationFactory(name="Eurocities", country=None)
    plan = PlanFactory(unit=units["a"])
    objective = ObjectiveFactory(plan=plan, number=3)
    sdg = Theme.objects.filter(scheme="sdg").order_by("order").first()
    full = ActivityFactory(
        unit=units["a"],
        kind="visit",
        title="Vierailu Tallinnaan – Åbo & Kööpenhamina",
        description="Rivi 1\nRivi 2 ”lainaus”, pilkku; puolipiste",
        status="confirmed",
        start_date=datetime.date(2026, 4, 14),
        end_date=datetime.date(2026, 4, 16),
        delegation_level="director",
        participant_count=5,
        senior_participant_count=2,
        participants="Pormestari; apulaispormestari",
        budget=Decimal("1234.50"),
        actual_cost=Decimal("0.00"),
        outcomes="=SUM(A1) ei kaava",
        visibility="internal",
    )
    full.units.set([units["a_dept"], units["b"]])
    full.external_actors.set([units["partner"]])
    full.countries.set([finland, estonia])
    full.cities.set([helsinki, tallinn])
    full.partners.set([partner, plain_partner])
    full.objectives.set([objective])
    full.themes.set([sdg])
    empty = ActivityFactory(unit=units["b"], title="Conference", kind="conference")
    secret = ActivityFactory(
        unit=units["a"], title="Salainen neuvottelu", visibility="confidential", kind="event"
    )
    public = ActivityFactory(unit=units["b"], title="Public fair", visibility="public")
    return {"full": full, "empty": empty, "secret": secret, "public": public}
