"""Places: countries in three languages, and city search that tolerates inflection."""

from hypothesis import given
from hypothesis import strategies as st

from citydiplomacy.core import places
from citydiplomacy.core.models import Country, Region


def test_countries__named_in_finnish_swedish_and_english(db):
    china = Country.objects.get(code="CN")
    assert (china.name_fi, china.name_sv, china.name_en) == ("Kiina", "Kina", "China")
    assert Country.objects.count() >= 249


def test_regions__group_countries(db):
    nordics = set(Region.objects.get(code="nordics").countries.values_list("code", flat=True))
    assert {"FI", "SE", "NO", "DK", "IS"} <= nordics
    assert "EE" not in nordics
    assert Region.objects.get(code="eu").countries.count() == 27


def test_city_search__finds_beijing_from_inflected_finnish(db):
    for query in ["Pekingin", "Pekingissä", "peking", "Beijing", "Pékin"]:
        names = [c.name_en for c in places.search_cities(query)]
        assert names[:1] == ["Beijing"], query


def test_city_search__tallinn_and_helsingfors(db):
    assert [c.name_en for c in places.search_cities("Tallinnassa")][:1] == ["Tallinn"]
    assert [c.name_en for c in places.search_cities("Helsingfors")][:1] == ["Helsinki"]


def test_place_search_endpoint__answers_json_with_coordinates(client, db):
    results = client.get("/places/search/", {"q": "Tallinna"}).json()["results"]
    tallinn = next(r for r in results if r["type"] == "city")
    assert round(tallinn["lat"], 1) == 59.4


@given(st.text(max_size=40))
def test_search_stems__never_crash_and_are_prefixes(text):
    stems = places.search_stems(text)
    folded = places.fold(text)
    assert stems[0] == folded
    assert all(folded.startswith(stem) for stem in stems)
