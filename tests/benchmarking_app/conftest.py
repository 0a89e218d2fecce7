"""Benchmarking fixtures: the demo (real Eurostat files, peer set, index, rankings) loaded once
per module and removed afterwards, a small Eurostat TSV, and signed-in clients."""

import pytest
from django.test import Client

from citydiplomacy.benchmarking import demo
from citydiplomacy.benchmarking.models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    ImportBatch,
    Observation,
    PeerSet,
    RankingEntry,
    RankingTarget,
    StatIndicator,
)
from citydiplomacy.core.models import OrganisationUnit

SMALL_TSV = (
    b"indic_ur,cities\\time\t2017 \t2016 \n"
    b"CR2001V,FI001C2\t: \t3576710 \n"
    b"CR2001V,EE001C1\t2000 p\t1900 \n"
    b"EC2021V,FI001C2\t51000 \t50809 p\n"
    b"EC2021V,SE001C1\t: c\t: \n"
)


def wipe() -> None:
    """Remove every benchmarking record (and the demo's own unit, if it made one)."""
    CompositeIndex.objects.all().delete()  # results and uncertainty runs cascade
    PeerSet.objects.all().delete()
    ExternalRanking.objects.all().delete()
    Observation.objects.all().delete()
    ImportBatch.objects.all().delete()
    ComparisonCity.objects.all().delete()
    StatIndicator.objects.all().delete()
    for model in (
        StatIndicator,
        ComparisonCity,
        PeerSet,
        CompositeIndex,
        ExternalRanking,
        RankingEntry,
        RankingTarget,
    ):
        model.history.all().delete()  # the deletions above wrote history rows too
    OrganisationUnit.objects.filter(code="international-affairs").delete()
    OrganisationUnit.history.filter(code="international-affairs").delete()


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The benchmarking demo, committed once for the module's tests (each test still runs in a
    transaction that is rolled back)."""
    with django_db_blocker.unblock():
        counts = demo.load()
    yield counts
    with django_db_blocker.unblock():
        wipe()


@pytest.fixture
def small_tsv():
    return SMALL_TSV


@pytest.fixture
def clients(users):
    """A signed-in test client per role, plus ``anonymous``; pages in English."""
    made = {"anonymous": Client(HTTP_ACCEPT_LANGUAGE="en")}
    for role, user in users.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        made[role] = client
    return made


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def english(client):
    """These tests read messages and pages in English (the product's default is Finnish)."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
