import pytest

from citydiplomacy.core.models import City, Country

# GeoNames ids: stable across GeoNames releases.
HELSINKI, BEIJING, SHANGHAI, TALLINN = 658225, 1816670, 1796236, 588409


@pytest.fixture
def places(db):
    """A few reference places (loaded once per session by tests/conftest.py)."""
    return {
        "FI": Country.objects.get(code="FI"),
        "CN": Country.objects.get(code="CN"),
        "EE": Country.objects.get(code="EE"),
        "helsinki": City.objects.get(geonameid=HELSINKI),
        "beijing": City.objects.get(geonameid=BEIJING),
        "shanghai": City.objects.get(geonameid=SHANGHAI),
        "tallinn": City.objects.get(geonameid=TALLINN),
    }


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
