"""The main lists and pages need the same number of queries however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citydiplomacy.benchmarking.models import (
    ComparisonCity,
    CompositeIndex,
    ExternalRanking,
    PeerSet,
    RankingEntry,
    RankingTarget,
)
from citydiplomacy.benchmarking.services import indices, peersets, store

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.benchmarking_app.urls")]

PAGES = [
    "/benchmarking/",
    "/benchmarking/indicators/",
    "/benchmarking/data/",
    "/benchmarking/indices/",
    "/benchmarking/rankings/",
    "/api/v1/benchmarking/observations/?indicator=CR2001V",
    "/api/v1/benchmarking/cities/",
    "/api/v1/benchmarking/peer-sets/",
    "/api/v1/benchmarking/indices/",
    "/api/v1/benchmarking/index-results/",
    "/api/v1/benchmarking/rankings/",
    "/api/v1/benchmarking/ranking-entries/",
]


def _counts(client, extra=()):
    counts = {}
    for url in [*PAGES, *extra]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def _more_data(unit):
    home = store.home_city()
    for k in (3, 4):
        request = peersets.PeerRequest(
            home=home, year=2016, weights={"DE1001V": 1, "CR2001V": 1}, k=k
        )
        peersets.save_peer_set(
            peersets.select_peers(request),
            name=f"More {k}",
            rationale="",
            unit=unit,
            visibility="public",
            user=None,
        )
    template = CompositeIndex.objects.first()
    for number in range(2):
        index = CompositeIndex.objects.create(
            name=f"Copy {number}",
            hierarchy=template.hierarchy,
            spec=template.spec,
            year=2016,
            peer_set=PeerSet.objects.get(name="More 4"),
            unit=unit,
            visibility="public",
        )
        indices.run_index(index)
    cities = list(ComparisonCity.objects.filter(kind="city")[:20])
    for number in range(3):
        ranking = ExternalRanking.objects.create(
            name=f"Extra {number}", publisher="P", unit=unit, visibility="public"
        )
        RankingEntry.objects.bulk_create(
            RankingEntry(ranking=ranking, year=2020 + y, city=c, rank=i + 1)
            for y in range(3)
            for i, c in enumerate([home, *cities])
        )
        RankingTarget.objects.create(ranking=ranking, year=2024, target_rank=2)


def test_query_counts_do_not_grow_with_data(demo_data, clients):
    client = clients["coordinator"]
    peer_set = PeerSet.objects.first()
    extra = [
        f"/benchmarking/peer-sets/{peer_set.pk}/",
        f"/benchmarking/indices/{CompositeIndex.objects.first().pk}/",
    ]
    before = _counts(client, extra)
    _more_data(peer_set.unit)
    after = _counts(client, extra)
    assert after == before
