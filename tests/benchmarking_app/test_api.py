"""The benchmarking API: lists and filters, page size capped, translated names, visibility of
analyses, writes only for coordinators, and indices created, run and analysed through it."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.benchmarking.models import (
    ComparisonCity,
    CompositeIndex,
    PeerSet,
    StatIndicator,
)
from citydiplomacy.core.models import OrganisationUnit

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.benchmarking_app.urls")]
API = "/api/v1/benchmarking"


@pytest.fixture
def api(users):
    # Error messages are read in English (the product's default language is Finnish).
    made = {"anonymous": APIClient(HTTP_ACCEPT_LANGUAGE="en")}
    for role, user in users.items():
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        client.force_authenticate(user)
        made[role] = client
    return made


def test_indicators__translated_names_and_source(demo_data, api):
    body = api["anonymous"].get(f"{API}/indicators/", {"code": "CR2011I"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["name"] == {
        "fi": "Yöpymiset asukasta kohden",
        "sv": "Övernattningar per invånare",
        "en": "Tourist nights per resident",
    }
    assert item["attribution"] == "Source: Eurostat" and item["dataset"] == "urb_ctour"


def test_cities__filter_by_either_code_edition(demo_data, api):
    for code in ("FI001C2", "FI001C"):
        body = api["anonymous"].get(f"{API}/cities/", {"code": code}).json()
        assert [c["eurostat_code_2017"] for c in body["results"]] == ["FI001C2"]
        assert body["results"][0]["is_home"] and body["results"][0]["country"] == "FI"


def test_observations__filters_and_capped_page_size(demo_data, api):
    body = (
        api["anonymous"]
        .get(f"{API}/observations/", {"indicator": "CR2001V", "city_code": "FI001C2", "year": 2016})
        .json()
    )
    assert body["count"] == 1 and body["results"][0]["value"] == 3576710.0
    ranged = (
        api["anonymous"]
        .get(
            f"{API}/observations/",
            {"indicator": "CR2001V", "city_code": "FI001C", "year_from": 2013},
        )
        .json()
    )
    assert sorted(o["year"] for o in ranged["results"]) == [
        2013,
        2014,
        2015,
        2016,
    ]  # 2017 is ":" in the file
    page = api["anonymous"].get(f"{API}/observations/", {"page_size": 1000}).json()
    assert len(page["results"]) == 100 and page["count"] > 70_000


def test_analyses__read_through_visibility(demo_data, api):
    peer_set = PeerSet.objects.get()
    assert api["anonymous"].get(f"{API}/peer-sets/").json()["count"] == 1
    PeerSet.objects.filter(pk=peer_set.pk).update(visibility="internal")
    CompositeIndex.objects.update(visibility="internal")
    assert api["anonymous"].get(f"{API}/peer-sets/").json()["count"] == 0
    assert api["anonymous"].get(f"{API}/indices/").json()["count"] == 0
    assert api["anonymous"].get(f"{API}/index-results/").json()["count"] == 0
    assert api["viewer"].get(f"{API}/peer-sets/").json()["count"] == 1
    detail = api["viewer"].get(f"{API}/peer-sets/{peer_set.pk}/").json()
    assert len(detail["members"]) == 10 and detail["members"][0]["contributions"]


@pytest.mark.parametrize("role", ["anonymous", "viewer", "editor_a", "partner"])
def test_writes_refused_for_non_coordinators(demo_data, api, role):
    client = api[role]
    expected = {401, 403}
    assert (
        client.post(
            f"{API}/indicators/", {"code": "X1", "name": {"en": "X"}}, format="json"
        ).status_code
        in expected
    )
    city = ComparisonCity.objects.get(eurostat_code_2017="FI001C2")
    assert (
        client.patch(f"{API}/cities/{city.pk}/", {"name": "X"}, format="json").status_code
        in expected
    )
    index = CompositeIndex.objects.get()
    assert client.post(f"{API}/indices/{index.pk}/run/").status_code in expected
    assert client.delete(f"{API}/peer-sets/{PeerSet.objects.get().pk}/").status_code in expected
    assert not StatIndicator.objects.filter(code="X1").exists()
    assert index.results.count() == 1


def test_coordinator_creates_runs_and_analyses_an_index(demo_data, api):
    client = api["coordinator"]
    cities = list(
        ComparisonCity.objects.filter(eurostat_code_2017__in=["EE001C1", "LV001C1", "LT001C1"])
    )
    body = {
        "name": "Tourism (API)",
        "year": 2016,
        "hierarchy": [
            {"code": "T", "parent": None, "weight": 1},
            {"code": "CR2011I", "parent": "T", "weight": 1},
            {"code": "CR2010I", "parent": "T", "weight": 1},
        ],
        "spec": {"steps": [{"op": "normalise"}, {"op": "aggregate"}]},
        "cities": [c.pk for c in cities],
        "unit": OrganisationUnit.objects.first().pk,
        "visibility": "internal",
    }
    created = client.post(f"{API}/indices/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    run = client.post(f"{API}/indices/{pk}/run/")
    assert run.status_code == 201 and run.json()["unit_count"] == 4  # the home city + 3
    assert run.json()["home_city_code"] == "FI001C"
    factors = {"factors": [{"name": "w", "noise": {"1": 0.3}, "n_sets": 20, "seed": 2}]}
    analysis = client.post(
        f"{API}/indices/{pk}/uncertainty/", {"factors": factors, "n": 30, "seed": 1}, format="json"
    )
    assert analysis.status_code == 201 and analysis.json()["status"] == "done"
    assert len(analysis.json()["rank_stats"]) == 4
    listed = client.get(f"{API}/indices/{pk}/").json()
    assert listed["latest_result"] == run.json()["id"]


def test_index_api__bad_definitions_name_the_item(demo_data, api):
    client = api["coordinator"]
    city = ComparisonCity.objects.get(eurostat_code_2017="EE001C1")
    body = {
        "name": "Bad",
        "year": 2016,
        "hierarchy": [
            {"code": "A", "parent": "B", "weight": 1},
            {"code": "B", "parent": "A", "weight": 1},
            {"code": "CR2011I", "parent": "A", "weight": 1},
        ],
        "spec": {"steps": [{"op": "aggregate", "mean": "arithmetic"}]},
        "cities": [city.pk, city.pk],
        "unit": OrganisationUnit.objects.first().pk,
    }
    response = client.post(f"{API}/indices/", body, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "EE001C is listed twice" in errors["cities"][0]
    assert not CompositeIndex.objects.filter(name="Bad").exists()
    body["cities"] = [city.pk]
    errors = client.post(f"{API}/indices/", body, format="json").json()
    assert "cycle in the hierarchy" in errors["hierarchy"][0]
    assert "unknown parameter 'mean'" in errors["spec"][0]


def test_peer_set_created_through_the_api(demo_data, api):
    home = ComparisonCity.objects.get(is_home=True)
    body = {
        "name": "API peers",
        "home": home.pk,
        "year": 2016,
        "weights": {"DE1001V": 1, "CR2001V": 1},
        "k": 3,
        "unit": OrganisationUnit.objects.first().pk,
        "visibility": "internal",
    }
    response = api["coordinator"].post(f"{API}/peer-sets/", body, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["members"]) == 3
    bad = api["coordinator"].post(
        f"{API}/peer-sets/", body | {"weights": {"NOPE": 1}}, format="json"
    )
    assert bad.status_code == 400 and "NOPE" in str(bad.json())


def test_openapi_schema_validates_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--urlconf",
        "tests.benchmarking_app.urls",
        "--file",
        str(target),
    )
    schema = target.read_text()
    assert "/api/v1/benchmarking/observations/" in schema
    assert "/api/v1/benchmarking/indices/{id}/uncertainty/" in schema
