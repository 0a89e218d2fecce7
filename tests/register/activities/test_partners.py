"""Partner organisations: search, the form, duplicate names and concurrent edits."""

import pytest
from django.test import Client

from citydiplomacy.register.models import PartnerOrganisation
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _partner_data(**overrides):
    data = {"name": "Tallinn City Government", "kind": "city", "country": "", "city_name": ""}
    data.update(overrides)
    return data


def test_list__searches_by_name_type_and_country(client, users, places):
    PartnerOrganisationFactory(name="Stockholms stad", kind="city", country=places["SE"])
    PartnerOrganisationFactory(name="Stockholm School of Economics", kind="university")
    PartnerOrganisationFactory(name="Beijing Municipal Government", country=places["CN"])
    client.force_login(users["viewer"])

    def names(query):
        response = client.get(f"/register/partners/{query}", **EN)
        assert response.status_code == 200
        return [p.name for p in response.context["page"].object_list]

    assert names("?q=stockholm") == ["Stockholm School of Economics", "Stockholms stad"]
    assert names("?q=stockholm&kind=university") == ["Stockholm School of Economics"]
    assert names("?country=CN") == ["Beijing Municipal Government"]
    assert (
        "No partner organisations match the search."
        in client.get("/register/partners/?q=nothing", **EN).content.decode()
    )
    # A viewer may read but not add.
    assert (
        "New partner organisation" not in client.get("/register/partners/", **EN).content.decode()
    )


def test_search_endpoint__answers_json_for_the_form(client, users, places):
    PartnerOrganisationFactory(name="Stockholms stad", country=places["SE"])
    client.force_login(users["editor_a"])
    results = client.get("/register/partners/search/?q=stock").json()["results"]
    assert [r["name"] for r in results] == ["Stockholms stad"]
    assert results[0]["label"].startswith("Stockholms stad, ")
    assert client.get("/register/partners/search/?q=s").json() == {"results": []}


def test_create__resolves_the_city_and_shows_the_partner(client, users, places):
    client.force_login(users["editor_a"])
    response = client.post(
        "/register/partners/new/",
        _partner_data(name="Helsingin Sanomat", kind="company", city_name="Helsingissä"),
        **EN,
    )
    assert response.status_code == 302
    partner = PartnerOrganisation.objects.get(name="Helsingin Sanomat")
    assert partner.city.name_en == "Helsinki"
    assert partner.country.code == "FI"  # taken from the city
    assert partner.created_by == users["editor_a"]
    assert response["Location"] == f"/register/partners/{partner.pk}/"


def test_create__a_duplicate_name_in_the_same_country_is_a_clear_error(client, users, places):
    PartnerOrganisationFactory(name="Stockholms stad", country=places["SE"])
    client.force_login(users["coordinator"])
    response = client.post(
        "/register/partners/new/",
        _partner_data(name="stockholms STAD", country=places["SE"].pk),
        **EN,
    )
    assert response.status_code == 400
    assert "A partner organisation with this name already exists in this country." in (
        response.content.decode()
    )
    assert PartnerOrganisation.objects.count() == 1
    # The same name in another country is another organisation.
    response = client.post(
        "/register/partners/new/",
        _partner_data(name="Stockholms stad", country=places["FI"].pk),
        **EN,
    )
    assert response.status_code == 302
    assert PartnerOrganisation.objects.count() == 2


def test_create__a_city_outside_the_country_is_an_error(client, users, places):
    client.force_login(users["coordinator"])
    response = client.post(
        "/register/partners/new/",
        _partner_data(country=places["FI"].pk, city_name="Stockholm"),
        **EN,
    )
    assert response.status_code == 400
    assert "No city of that name was found in the chosen country." in response.content.decode()
    assert not PartnerOrganisation.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "partner"])
def test_create_and_edit__only_for_those_who_may_create(client, users, role):
    partner = PartnerOrganisationFactory(name="Eurocities")
    client.force_login(users[role])
    assert client.get("/register/partners/new/").status_code == 403
    assert client.post(f"/register/partners/{partner.pk}/edit/", _partner_data()).status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Eurocities"


def test_edit__concurrent_saves_are_refused(users, places):
    partner = PartnerOrganisationFactory(name="Eurocities", kind="network")
    first, second = Client(), Client()
    first.force_login(users["coordinator"])
    second.force_login(users["editor_a"])
    url = f"/register/partners/{partner.pk}/edit/"
    common = {"kind": "network", "country": "", "city_name": "", "edit_version": partner.version}
    assert first.post(url, common | {"name": "EUROCITIES"}, **EN).status_code == 302
    refused = second.post(url, common | {"name": "Eurocities network"}, **EN)
    assert refused.status_code == 409
    assert "saved this partner organisation while you were editing it" in (refused.content.decode())
    partner.refresh_from_db()
    assert partner.name == "EUROCITIES"
