import pytest
from hypothesis import settings as hypothesis_settings

# Two shared cores: a first call that imports a library can exceed any per-example deadline.
hypothesis_settings.register_profile("citydiplomacy", deadline=None)
hypothesis_settings.load_profile("citydiplomacy")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data once per test session: countries, regions, SDGs and the larger cities."""
    from citydiplomacy.core import reference_data

    with django_db_blocker.unblock():
        reference_data.load_all(min_city_population=300_000)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest is built by collectstatic at deploy time; tests render without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.DEMO_MODE = True


@pytest.fixture
def units(db):
    """Two divisions (A with a department), and an external partner city."""
    from tests.factories import UnitFactory

    division_a = UnitFactory(code="division-a", name="Division A")
    department_a = UnitFactory(
        code="department-a", name="Department A", parent=division_a, kind="department"
    )
    division_b = UnitFactory(code="division-b", name="Division B")
    partner_city = UnitFactory(code="partner-city", name="Partner City", kind="neighbour_city")
    return {"a": division_a, "a_dept": department_a, "b": division_b, "partner": partner_city}


@pytest.fixture
def users(units):
    """One user per role."""
    from tests.factories import UserFactory

    return {
        "coordinator": UserFactory(username="coordinator", role="coordinator"),
        "editor_a": UserFactory(username="editor_a", role="unit_editor", unit=units["a"]),
        "editor_b": UserFactory(username="editor_b", role="unit_editor", unit=units["b"]),
        "viewer": UserFactory(username="viewer", role="viewer", unit=units["b"]),
        "partner": UserFactory(username="partner", role="partner", unit=units["partner"]),
        "admin": UserFactory(username="admin", role="admin", is_superuser=True, is_staff=True),
    }
