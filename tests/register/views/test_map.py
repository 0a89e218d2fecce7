"""The map: its counts equal the activities the user may see, by country and by city within a
bounding box; the filters apply; bad input is a clear 400; queries do not grow with the data."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from citydiplomacy.register.filters import filtered_activities
from citydiplomacy.register.services.maps import BadBoundingBox, BoundingBox
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _activity(unit, countries=(), cities=(), **fields):
    activity = ActivityFactory(unit=unit, **fields)
    activity.countries.set(countries)
    activity.cities.set(cities)
    return activity


@pytest.fixture
def register(units, places):
    """China: two internal activities of B and a confidential one of A; Finland: one; Estonia
    by its city only (no country named), and one activity without any place."""
    china, beijing, shanghai = places["CN"], places["beijing"], places["shanghai"]
    return [
        _activity(units["b"], [china], [beijing], kind="trip"),
        _activity(units["b"], [china], [beijing, shanghai], kind="visit"),
        _activity(units["a"], [china], [beijing], visibility="confidential", title="Secret"),
        _activity(units["a"], [places["FI"]], [places["helsinki"]], kind="event"),
        _activity(units["a"], [], [places["tallinn"]], kind="event"),
        _activity(units["a"]),
    ]


def _points(client, query=""):
    response = client.get(f"/register/map/data/?{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    return {
        point["code"] if data["level"] == "country" else point["name"]: point
        for point in data["points"]
    }


def test_country_counts_are_the_activities_the_user_may_see(client, register, users):
    client.force_login(users["coordinator"])
    points = _points(client, "level=country")
    assert {code: point["count"] for code, point in points.items()} == {"CN": 3, "FI": 1}
    client.force_login(users["editor_b"])
    points = _points(client)
    assert points["CN"]["count"] == 2  # A's confidential activity is not counted
    assert "/register/?country=CN" in points["CN"]["url"]


def test_a_country_sits_at_its_cities_population_weighted_centre(client, register, users):
    client.force_login(users["viewer"])
    china = _points(client)["CN"]
    assert 18 < china["lat"] < 54 and 73 < china["lon"] < 135
    finland = _points(client)["FI"]
    assert 59 < finland["lat"] < 70 and 19 < finland["lon"] < 32


def test_city_counts_within_the_bounding_box(client, register, users, places):
    client.force_login(users["editor_b"])
    around_beijing = "level=city&bbox=115,39,118,41"
    points = _points(client, around_beijing)
    assert list(points) == [places["beijing"].name]
    assert points[places["beijing"].name]["count"] == 2
    assert points[places["beijing"].name]["url"].endswith(f"city={places['beijing'].pk}")
    client.force_login(users["coordinator"])
    assert _points(client, around_beijing)[places["beijing"].name]["count"] == 3
    world = _points(client, "level=city&bbox=-180,-90,180,90")
    assert {name: point["count"] for name, point in world.items()} == {
        places["beijing"].name: 3,
        places["shanghai"].name: 1,
        places["helsinki"].name: 1,
        places["tallinn"].name: 1,
    }


def test_a_bounding_box_across_the_antimeridian_wraps(client, register, users, places):
    client.force_login(users["coordinator"])
    # From 100°E eastwards over the Pacific to 160°W (Leaflet says 200): East Asia only.
    points = _points(client, "level=city&bbox=100,-90,200,90")
    assert set(points) == {places["beijing"].name, places["shanghai"].name}
    assert BoundingBox.parse("170,-10,-170,10").longitude_ranges() == [
        (170.0, 180.0),
        (-180.0, -170.0),
    ]


def test_the_filters_apply_to_the_counts(client, register, users):
    client.force_login(users["coordinator"])
    assert {code: point["count"] for code, point in _points(client, "kind=visit").items()} == {
        "CN": 1
    }
    points = _points(client, "kind=event&level=country")
    assert {code: point["count"] for code, point in points.items()} == {"FI": 1}
    assert "kind=event" in points["FI"]["url"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("level=street", "Unknown level"),
        ("level=city&bbox=1,2,3", "four numbers"),
        ("level=city&bbox=a,b,c,d", "four numbers"),
        ("level=city&bbox=0,50,10,40", "four numbers"),
        ("level=city&bbox=0,nan,10,40", "four numbers"),
    ],
)
def test_bad_level_or_bounding_box__400_with_a_message(client, users, query, message):
    client.force_login(users["viewer"])
    response = client.get(f"/register/map/data/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_bounding_box_parse():
    assert BoundingBox.parse("-10,-95,10,95") == BoundingBox(-10, -90, 10, 90)
    with pytest.raises(BadBoundingBox):
        BoundingBox.parse("inf,0,1,1")
    assert BoundingBox.parse("-200,0,200,1").longitude_ranges() == [(-180.0, 180.0)]


def test_map_page__table_of_countries_and_the_activities_not_on_the_map(client, register, users):
    client.force_login(users["editor_b"])
    response = client.get("/register/map/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    rows = {row["code"]: row["count"] for row in response.context["countries"]}
    assert rows == {"CN": 2, "FI": 1}
    assert "Activities by country" in text
    assert 'href="/register/?country=CN"' in text
    # The Tallinn activity names no country, nor does the one without a place.
    assert "5 activities match the filter." in text
    assert "2 of them name no country" in text
    assert 'id="map-config"' in text
    assert "vendor/leaflet/leaflet.js" in text and "leaflet.markercluster.js" in text
    assert "tile.openstreetmap.org" in text
    assert "Secret" not in text


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/register/map/data/?level=country",
        "/register/map/data/?level=city&bbox=-180,-90,180,90&kind=trip",
        "/register/map/?kind=trip",
    ],
)
def test_query_count_does_not_grow_with_the_activities(client, units, users, places, url):
    client.force_login(users["editor_a"])
    cities = [places["beijing"], places["shanghai"], places["helsinki"], places["tallinn"]]
    countries = [places["CN"], places["FI"], places["EE"]]
    for number in range(5):
        _activity(units["a"], [countries[number % 3]], [cities[number % 4]])
    few = _queries(client, url)
    for number in range(50):
        _activity(
            units["b"] if number % 2 else units["a"],
            countries[: 1 + number % 3],
            cities[: 1 + number % 4],
            visibility="confidential" if number % 5 == 0 else "internal",
        )
    assert _queries(client, url) == few


@pytest.mark.parametrize(
    "role", ["coordinator", "editor_a", "editor_b", "viewer", "partner", "admin", None]
)
@pytest.mark.parametrize("query", ["", "kind=event", "q=Secret"])
def test_every_roles_counts_equal_the_visible_activities(
    client, register, users, units, places, role, query
):
    """Whatever way the counts are computed (all links, a join with the visible activities, or
    all minus the hidden ones), they equal what the user may see."""
    shared = _activity(units["b"], [places["EE"]], [places["tallinn"]], title="Shared")
    shared.shared_with.set([units["partner"]])
    _activity(units["a"], [places["EE"]], [places["tallinn"]], visibility="public")
    user = users[role] if role else None
    if user is not None:
        client.force_login(user)
    visible, _filter = filtered_activities(user or AnonymousUser(), QueryDict(query))
    expected_countries, expected_cities = {}, {}
    for activity in visible.prefetch_related("countries", "cities"):
        for country in activity.countries.all():
            expected_countries[country.code] = expected_countries.get(country.code, 0) + 1
        for city in activity.cities.all():
            expected_cities[city.pk] = expected_cities.get(city.pk, 0) + 1
    countries = client.get(f"/register/map/data/?{query}").json()["points"]
    assert {point["code"]: point["count"] for point in countries} == expected_countries
    cities = client.get(f"/register/map/data/?level=city&bbox=-180,-90,180,90&{query}").json()
    assert {point["id"]: point["count"] for point in cities["points"]} == expected_cities
    anywhere = client.get(f"/register/map/data/?level=city&{query}").json()["points"]
    assert {point["id"]: point["count"] for point in anywhere} == expected_cities
