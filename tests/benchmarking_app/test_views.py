"""The benchmarking pages render for each role with the key content, and their forms write
only for coordinators (others get 403)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from citydiplomacy.benchmarking.models import (
    CompositeIndex,
    ExternalRanking,
    IndexResult,
    PeerSet,
    RankingEntry,
    RankingTarget,
    UncertaintyRun,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.benchmarking_app.urls")]

PEER_QUERY = (
    "/benchmarking/peers/?year=2016&k=5&standardisation=zscore"
    "&w_DE1001V=2&w_EC2021V=1&w_CR2001V=1&w_CR2009V=1&min_overlap=4&must_include=Tallinn"
)


def _text(response) -> str:
    return response.content.decode()


def _json(text: str, element_id: str):
    """The data a page passes to its chart with json_script."""
    start = text.index(f'id="{element_id}"')
    return json.loads(text[text.index(">", start) + 1 : text.index("</script>", start)])


@pytest.mark.parametrize("role", ["anonymous", "viewer", "coordinator"])
def test_overview_and_reference_pages_render(demo_data, clients, role):
    client = clients[role]
    home = client.get("/benchmarking/")
    assert home.status_code == 200
    assert "City attractiveness (example)" in _text(home)
    assert "Liveable Cities Index (example)" in _text(home)
    indicators = client.get("/benchmarking/indicators/")
    assert indicators.status_code == 200 and "CR2001V" in _text(indicators)
    assert "Source: Eurostat" in _text(indicators)
    assert client.get("/benchmarking/data/").status_code == 200


def test_indicator_explorer__helsinki_and_peers_with_the_notice(demo_data, clients):
    response = clients["anonymous"].get("/benchmarking/indicators/CR2001V/")
    text = _text(response)
    assert response.status_code == 200
    assert "Riika" in text or "Riga" in text
    assert "Source: Eurostat (urb_ctour)" in text
    data = _json(text, "explorer-data")
    helsinki = next(s for s in data["series"] if s["home"])
    assert helsinki["values"][data["years"].index(2016)] == 3576710.0
    extra = clients["anonymous"].get("/benchmarking/indicators/CR2001V/?cities=Nowhere")
    assert "is not a known city" in _text(extra)


def test_peer_selection__shows_peers_with_reasons(demo_data, clients):
    response = clients["viewer"].get(PEER_QUERY)
    text = _text(response)
    assert response.status_code == 200
    assert "Tallinn" in text and "chosen by hand" in text
    assert "of the distance" in text and "Source: Eurostat" in text
    assert "Cities left out, and why" in text and "Too few indicators shared" in text
    assert "Save the peer set" not in text  # only coordinators save


def test_peer_selection__save_by_coordinator_only(demo_data, clients, users):
    form = {
        "name": "Nearest five",
        "rationale": "Size and tourism.",
        "unit": users["editor_a"].unit_id or "",
        "visibility": "internal",
    }
    from citydiplomacy.core.models import OrganisationUnit

    form["unit"] = OrganisationUnit.objects.first().pk
    assert clients["editor_a"].post(PEER_QUERY, form).status_code == 403
    response = clients["coordinator"].post(PEER_QUERY, form)
    assert response.status_code == 302
    saved = PeerSet.objects.get(name="Nearest five")
    assert saved.rationale == "Size and tourism." and saved.members.count() == 5
    assert saved.created_by.username == "coordinator"
    page = clients["coordinator"].get(response["Location"])
    assert page.status_code == 200 and "Nearest five" in _text(page)


def test_peer_selection__errors_are_shown_at_the_field(demo_data, clients):
    response = clients["viewer"].get(PEER_QUERY.replace("Tallinn", "Atlantis"))
    assert response.status_code == 400
    assert "“Atlantis” is not a known city name or Eurostat code." in _text(response)
    no_weights = clients["viewer"].get("/benchmarking/peers/?year=2016&k=5&standardisation=zscore")
    assert no_weights.status_code == 400
    assert "at least one indicator a weight" in _text(no_weights)


def test_peer_set_page__explains_each_peer(demo_data, clients):
    peer_set = PeerSet.objects.get()
    response = clients["anonymous"].get(f"/benchmarking/peer-sets/{peer_set.pk}/")
    text = _text(response)
    assert response.status_code == 200
    assert escape(peer_set.name) in text and "Tallinn" in text
    assert "Cities left out, and why" in text and "Source: Eurostat" in text


def test_internal_peer_set_hidden_from_the_public(demo_data, clients):
    peer_set = PeerSet.objects.get()
    PeerSet.objects.filter(pk=peer_set.pk).update(visibility="internal")
    assert clients["anonymous"].get(f"/benchmarking/peer-sets/{peer_set.pk}/").status_code == 404
    assert clients["viewer"].get(f"/benchmarking/peer-sets/{peer_set.pk}/").status_code == 200


def test_clusters__show_where_the_home_city_sits(demo_data, clients):
    response = clients["anonymous"].get(
        "/benchmarking/peers/groups/?year=2016&n_clusters=5&standardisation=zscore"
        "&w_DE1001V=1&w_CR2001V=1"
    )
    assert response.status_code == 200
    assert "Helsinki is here" in _text(response)


def test_index_page__ranks_interval_chart_and_sensitivity(demo_data, clients):
    index = CompositeIndex.objects.get()
    response = clients["anonymous"].get(f"/benchmarking/indices/{index.pk}/")
    text = _text(response)
    assert response.status_code == 200
    result = index.results.get()
    assert f"Helsinki: rank {result.home_rank} of 11" in text
    assert 'id="interval-data"' in text and 'data-chart="intervals"' in text
    assert "Sensitivity" in text and "normalisation" in text
    assert "Source: Eurostat (urb_cpop1)" in text
    assert "Run an uncertainty analysis" not in text


def test_index_builder__errors_at_the_field_and_nothing_saved(demo_data, clients):
    index = CompositeIndex.objects.get()
    hierarchy = [
        {"code": "IDX", "parent": None, "weight": 1},
        {"code": "CR2001V", "parent": "IDX", "weight": -1},
        {"code": "NOPE9V", "parent": "IDX", "weight": 1},
    ]
    response = clients["coordinator"].post(
        f"/benchmarking/indices/{index.pk}/edit/",
        {
            "name": "Broken",
            "year": 2016,
            "peer_set": index.peer_set_id,
            "hierarchy": json.dumps(hierarchy),
            "spec": '{"steps": [{"op": "normalize"}]}',
            "unit": index.unit_id,
            "visibility": "public",
            "action": "save",
        },
    )
    text = _text(response)
    assert response.status_code == 400
    assert "row 2 (CR2001V): the weight -1 is negative" in text
    assert "unknown op" in text and "normalize" in text
    assert CompositeIndex.objects.get().name == index.name


def test_index_builder__preview_then_save(demo_data, clients):
    index = CompositeIndex.objects.get()
    data = {
        "name": "Tourism only",
        "year": 2016,
        "peer_set": index.peer_set_id,
        "hierarchy": json.dumps(
            [
                {"code": "T", "parent": None, "weight": 1, "name": "Tourism"},
                {"code": "CR2011I", "parent": "T", "weight": 3},
                {"code": "CR2010I", "parent": "T", "weight": 1},
            ]
        ),
        "spec": json.dumps({"steps": [{"op": "normalise"}, {"op": "aggregate"}]}),
        "unit": index.unit_id,
        "visibility": "internal",
    }
    preview = clients["coordinator"].post(
        "/benchmarking/indices/new/", data | {"action": "preview"}
    )
    assert preview.status_code == 200 and "75.0 % of the index" in _text(preview)
    assert not CompositeIndex.objects.filter(name="Tourism only").exists()
    saved = clients["coordinator"].post("/benchmarking/indices/new/", data | {"action": "save"})
    assert saved.status_code == 302
    created = CompositeIndex.objects.get(name="Tourism only")
    run = clients["coordinator"].post(f"/benchmarking/indices/{created.pk}/run/")
    assert run.status_code == 302 and created.results.count() == 1
    assert clients["editor_a"].post(f"/benchmarking/indices/{created.pk}/run/").status_code == 403


def test_index_uncertainty_form__runs_and_stores(demo_data, clients):
    index = CompositeIndex.objects.get()
    factors = {
        "factors": [
            {
                "name": "agg",
                "step": "aggregate",
                "param": "method",
                "values": ["arithmetic", "geometric"],
            }
        ]
    }
    response = clients["coordinator"].post(
        f"/benchmarking/indices/{index.pk}/uncertainty/",
        {"factors": json.dumps(factors), "n": 20, "seed": 3},
    )
    assert response.status_code == 302
    run = UncertaintyRun.objects.get(n=20)
    assert run.status == "done" and len(run.rank_stats) == 11
    bad = clients["coordinator"].post(
        f"/benchmarking/indices/{index.pk}/uncertainty/",
        {"factors": '{"factors": [{"name": "x", "step": "nope", "values": [1]}]}', "n": 20},
    )
    assert bad.status_code == 400 and "nope" in _text(bad)
    assert UncertaintyRun.objects.filter(n=20).count() == 1


def test_rankings__tracker_chart_with_target_and_peers(demo_data, clients):
    response = clients["anonymous"].get("/benchmarking/rankings/")
    assert response.status_code == 200 and "example data" in _text(response)
    ranking = ExternalRanking.objects.get(name__startswith="Liveable")
    page = clients["anonymous"].get(f"/benchmarking/rankings/{ranking.pk}/")
    text = _text(page)
    assert page.status_code == 200
    data = _json(text, "ranking-data")
    helsinki = next(s for s in data["series"] if s["home"])
    assert helsinki["ranks"][data["years"].index(2023)] == 7
    assert data["target"][data["years"].index(2025)] == 3
    assert len(data["series"]) > 1  # peers beside it


def test_ranking_forms__entry_target_and_csv(demo_data, clients):
    ranking = ExternalRanking.objects.get(name__startswith="Liveable")
    base = f"/benchmarking/rankings/{ranking.pk}"
    coordinator = clients["coordinator"]
    assert (
        coordinator.post(
            f"{base}/entries/", {"year": 2024, "city": "FI001C", "rank": 5}
        ).status_code
        == 302
    )
    assert RankingEntry.objects.get(ranking=ranking, year=2024).rank == 5
    assert coordinator.post(f"{base}/targets/", {"year": 2026, "target_rank": 2}).status_code == 302
    assert RankingTarget.objects.get(ranking=ranking, year=2026).target_rank == 2
    csv = SimpleUploadedFile("r.csv", b"year,city,rank\n2024,Tallinn,x\n2024,Atlantis,3\n")
    bad = coordinator.post(f"{base}/import/", {"file": csv})
    text = _text(bad)
    assert bad.status_code == 400
    assert "row 2, column rank" in text and "row 3, column city" in text
    assert not RankingEntry.objects.filter(ranking=ranking, year=2024).exclude(rank=5).exists()
    assert (
        clients["viewer"].post(f"{base}/targets/", {"year": 2027, "target_rank": 1}).status_code
        == 403
    )


def test_ranking_create_and_edit(demo_data, clients):
    from citydiplomacy.core.models import OrganisationUnit

    unit = OrganisationUnit.objects.first()
    response = clients["coordinator"].post(
        "/benchmarking/rankings/new/",
        {
            "name": "New ranking",
            "publisher": "Someone",
            "url": "",
            "description": "",
            "unit": unit.pk,
            "visibility": "internal",
        },
    )
    assert response.status_code == 302
    ranking = ExternalRanking.objects.get(name="New ranking")
    assert (
        clients["coordinator"].get(f"/benchmarking/rankings/{ranking.pk}/edit/").status_code == 200
    )
    assert clients["anonymous"].get(f"/benchmarking/rankings/{ranking.pk}/").status_code == 404
    assert IndexResult.objects.exists()
