"""The partner organisations API: the city's users read, editors add, coordinators delete."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.register.models import PartnerOrganisation
from tests.factories import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/register/partners/"


@pytest.fixture
def api():
    return APIClient()


def test_an_editor_adds_and_changes_a_partner_and_a_stale_version_gets_409(api, users):
    api.force_authenticate(users["editor_a"])
    response = api.post(URL, {"name": "Tallinna linn", "kind": "city", "country": "EE"})
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api.patch(f"{URL}{pk}/", {"notes": "Ystävyyskaupunki", "version": 1}).status_code == 200
    response = api.patch(f"{URL}{pk}/", {"notes": "Vanha", "version": 1})
    assert response.status_code == 409
    assert PartnerOrganisation.objects.get(pk=pk).notes == "Ystävyyskaupunki"


def test_the_same_name_in_the_same_country_is_refused(api, users):
    api.force_authenticate(users["editor_a"])
    assert api.post(URL, {"name": "Eurocities", "kind": "network"}).status_code == 201
    response = api.post(URL, {"name": "Eurocities", "kind": "network"})
    assert response.status_code == 400 and "name" in response.json()


def test_only_coordinators_delete(api, users):
    partner = PartnerOrganisationFactory()
    api.force_authenticate(users["editor_a"])
    assert api.delete(f"{URL}{partner.pk}/").status_code == 403
    api.force_authenticate(users["coordinator"])
    assert api.delete(f"{URL}{partner.pk}/").status_code == 204


@pytest.mark.parametrize("who", ["partner", None])
def test_outsiders_do_not_read_the_partner_list(api, users, who):
    PartnerOrganisationFactory()
    if who:
        api.force_authenticate(users[who])
    assert api.get(URL).status_code in (401, 403)


def test_viewers_read_but_do_not_write(api, users):
    PartnerOrganisationFactory(name="Nordic City Network")
    api.force_authenticate(users["viewer"])
    names = [row["name"] for row in api.get(URL).json()["results"]]
    assert names == ["Nordic City Network"]
    assert api.post(URL, {"name": "X", "kind": "other"}).status_code == 403
