import pytest

from citydiplomacy.core.models import City


@pytest.fixture
def saved(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the radar's check) as a real commit would."""

    def save(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return save


@pytest.fixture
def brussels(db):
    return City.objects.get(geonameid=2800866)


@pytest.fixture
def berlin(db):
    return City.objects.get(geonameid=2950159)
