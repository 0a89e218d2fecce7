"""The demo loads the seed plan, Helsinki's units and the demo logins — idempotently."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from citydiplomacy.core.models import OrganisationUnit, User
from citydiplomacy.demo import loader
from citydiplomacy.plan.models import IndicatorValue, Objective, Plan, StatusUpdate, Tool


@pytest.fixture
def demo(db):
    return loader.load_demo()


def test_demo__seed_plan_has_seven_objectives_and_five_tools_in_three_languages(demo):
    plan = Plan.objects.get(edition=1)
    assert plan.objectives.count() == 7
    assert plan.tools.count() == 5
    for item in [*plan.objectives.all(), *plan.tools.all()]:
        assert item.title_fi and item.title_sv and item.title_en
    first = plan.objectives.get(number=1)
    assert first.title_fi == "Investointien ja osaajien houkuttelu"
    assert first.title_en == "Attracting investment and talent"
    assert {p.theme.code for p in plan.thematic_priorities.all()} == {"digitalisation", "climate"}
    places = {str(p.place.name_en) for p in plan.geographic_priorities.all()}
    assert {"Beijing", "China", "Tallinn", "Nordic countries", "Brussels"} <= places


def test_demo__helsinki_divisions(demo):
    divisions = set(
        OrganisationUnit.objects.filter(kind="division").values_list("name_en", flat=True)
    )
    assert divisions == {
        "City Executive Office",
        "Education Division",
        "Urban Environment Division",
        "Culture and Leisure Division",
        "Social Services, Health Care and Rescue Services Division",
    }


def test_demo__loading_twice_changes_nothing(demo):
    counts = (
        Plan.objects.count(),
        Objective.objects.count(),
        Tool.objects.count(),
        OrganisationUnit.objects.count(),
        User.objects.count(),
    )
    history = Objective.history.count()
    loader.load_demo()
    assert counts == (
        Plan.objects.count(),
        Objective.objects.count(),
        Tool.objects.count(),
        OrganisationUnit.objects.count(),
        User.objects.count(),
    )
    assert Objective.history.count() == history


def test_demo__logins_exist_with_password_demo(demo, client):
    for username in ["coordinator", "editor", "viewer", "partner", "admin"]:
        assert User.objects.get(username=username).check_password("demo")
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="coordinator").pk)


def test_demo_users__never_created_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        loader.load_users()
    assert not User.objects.exists()


def test_demo__plan_versions_measures_indicators_and_updates(demo):
    seed = Plan.objects.get(edition=1)
    current = Plan.objects.get(previous_edition=seed)
    assert (seed.status, current.status) == ("closed", "in_force")
    for plan in (seed, current):
        assert plan.measures.count() >= 20
        assert all(o.measures.exists() for o in plan.objectives.all())
        assert plan.indicators.count() == 7
    assert StatusUpdate.objects.filter(measure__plan=seed).count() > 200
    assert IndicatorValue.objects.filter(indicator__plan=seed, kind="actual").count() >= 7 * 3
    assert set(seed.measures.values_list("visibility", flat=True)) == {
        "public",
        "internal",
        "confidential",
    }
    for measure in seed.measures.all():
        assert measure.description_en == "Example measure for the demo."
