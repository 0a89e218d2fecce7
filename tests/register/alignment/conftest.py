"""A plan with thematic and geographic priorities and a handful of 2024 activities whose
shares are known by hand (see test_alignment_db)."""

import datetime

import pytest

from citydiplomacy.core.models import City, Country, Region
from citydiplomacy.plan.models import GeographicPriority, PlanStatus, ThematicPriority
from tests.factories import ActivityFactory, ObjectiveFactory, PlanFactory, ThemeFactory


def day(month, number, year=2024):
    return datetime.date(year, month, number)


@pytest.fixture
def plan_world(units):
    plan = PlanFactory(
        unit=units["a"],
        start_year=2022,
        end_year=2025,
        status=PlanStatus.IN_FORCE,
        visibility="public",
        title="Suunnitelma",
        title_en="Activity plan",
    )
    climate = ThemeFactory(name="Ilmasto", name_en="Climate")
    digital = ThemeFactory(name="Digitalisaatio", name_en="Digitalisation")
    unrelated = ThemeFactory(name="Muu", name_en="Unrelated")
    ThematicPriority.objects.create(plan=plan, theme=climate, level=1)
    ThematicPriority.objects.create(plan=plan, theme=digital, level=2)
    talent = ObjectiveFactory(plan=plan, number=1, title="Osaajat", title_en="Talent")
    visibility = ObjectiveFactory(plan=plan, number=2, title="Näkyvyys", title_en="Visibility")
    estonia, china = Country.objects.get(code="EE"), Country.objects.get(code="CN")
    tallinn = City.objects.filter(country=estonia).order_by("-population").first()
    if tallinn is None:
        tallinn = City.objects.create(
            name="Tallinn", country=estonia, latitude=59.4, longitude=24.7
        )
    region = Region.objects.create(code="test-central-europe", name="Central Europe")
    region.countries.add(Country.objects.get(code="DE"))
    GeographicPriority.objects.create(plan=plan, city=tallinn, level=1)
    GeographicPriority.objects.create(plan=plan, country=china, level=2)
    GeographicPriority.objects.create(plan=plan, region=region, level=3)

    a1 = ActivityFactory(
        unit=units["a"],
        title="A1 Tallinn",
        start_date=day(2, 1),
        end_date=day(2, 3),
        actual_cost=1000,
        budget=5000,
        senior_participant_count=2,
        participant_count=3,
    )
    a1.themes.add(climate)
    a1.objectives.add(talent)
    a1.cities.add(tallinn)
    a1.countries.add(estonia)
    a2 = ActivityFactory(
        unit=units["a"], title="A2 China", kind="event", start_date=day(3, 10), budget=3000
    )
    a2.themes.add(climate, digital, unrelated)
    a2.objectives.add(visibility)
    a2.countries.add(china)
    ActivityFactory(
        unit=units["a"], title="A3 nowhere", start_date=day(4, 5), senior_participant_count=1
    )
    ActivityFactory(
        unit=units["a"],
        title="A4 cancelled",
        start_date=day(5, 5),
        status="cancelled",
        budget=99999,
    )
    secret = ActivityFactory(
        unit=units["b"],
        title="A5 secret",
        start_date=day(6, 5),
        visibility="confidential",
        budget=500,
    )
    secret.themes.add(digital)
    ActivityFactory(unit=units["a"], title="A6 earlier", start_date=day(12, 5, 2023))
    return {"plan": plan, "climate": climate, "digital": digital, "tallinn": tallinn}
