"""The activities API: reads through visibility, the register's filters, writes within the
unit's rights, and 409 for a stale version."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.core.models import Country
from citydiplomacy.register.models import Activity
from tests.factories import ActivityFactory, PartnerOrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/register/activities/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def activities(units):
    finland = Country.objects.get(code="FI")
    internal_a = ActivityFactory(unit=units["a"], title="Internal A")
    internal_a.countries.set([finland])
    internal_a.units.set([units["b"]])
    return {
        "internal_a": internal_a,
        "secret_a": ActivityFactory(unit=units["a"], title="Secret A", visibility="confidential"),
        "public_b": ActivityFactory(unit=units["b"], title="Public B", visibility="public"),
        "shared_a": ActivityFactory(unit=units["a"], title="Shared A", kind="event"),
    }


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("who", ["editor_b", "viewer", "partner", None])
def test_another_units_confidential_activity_is_not_in_the_list_nor_its_detail(
    api, users, activities, who
):
    if who:
        api.force_authenticate(users[who])
    secret = activities["secret_a"]
    assert secret.pk not in _ids(api.get(URL))
    assert secret.pk not in _ids(api.get(URL, {"q": "Secret"}))
    assert api.get(f"{URL}{secret.pk}/").status_code == 404


def test_anonymous_and_partner_see_public_activities_only(api, users, activities):
    assert _ids(api.get(URL)) == {activities["public_b"].pk}
    activities["shared_a"].shared_with.set([users["partner"].unit])
    api.force_authenticate(users["partner"])
    assert _ids(api.get(URL)) == {activities["public_b"].pk, activities["shared_a"].pk}


def test_the_owning_unit_and_coordinators_see_the_confidential_activity(api, users, activities):
    for who in ("editor_a", "coordinator"):
        api.force_authenticate(users[who])
        assert activities["secret_a"].pk in _ids(api.get(URL))


def test_the_list_takes_the_registers_filters(api, users, activities):
    api.force_authenticate(users["coordinator"])
    assert _ids(api.get(URL, {"country": "FI"})) == {activities["internal_a"].pk}
    assert _ids(api.get(URL, {"kind": "event"})) == {activities["shared_a"].pk}
    assert _ids(api.get(URL, {"q": "public"})) == {activities["public_b"].pk}
    b = users["editor_b"].unit
    assert _ids(api.get(URL, {"unit": b.pk})) == {
        activities["public_b"].pk,
        activities["internal_a"].pk,
    }
    response = api.get(URL, {"start": "not a date"})
    assert response.status_code == 400


def test_the_detail_shows_relations_as_codes_and_ids(api, users, activities, units):
    api.force_authenticate(users["viewer"])
    data = api.get(f"{URL}{activities['internal_a'].pk}/").json()
    assert data["countries"] == ["FI"]
    assert data["units"] == [units["b"].pk]
    assert data["unit"] == units["a"].pk
    assert data["version"] == 1


def test_list_queries_do_not_grow_with_the_register(api, users, units, django_assert_num_queries):
    api.force_authenticate(users["editor_a"])
    partner = PartnerOrganisationFactory()
    finland = Country.objects.get(code="FI")

    def add(n):
        for _ in range(n):
            activity = ActivityFactory(unit=units["a"])
            activity.partners.set([partner])
            activity.countries.set([finland])

    add(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert api.get(URL).status_code == 200
    add(40)
    with django_assert_num_queries(len(few)):
        assert len(api.get(URL).json()["results"]) == 43


def _payload(unit, **values):
    return {
        "kind": "trip",
        "title": "Matka Tallinnaan",
        "start_date": "2026-06-01",
        "end_date": "2026-06-02",
        "unit": unit.pk,
        "countries": ["EE"],
        **values,
    }


def test_an_editor_creates_updates_and_deletes_an_activity_of_their_unit(api, users, units):
    api.force_authenticate(users["editor_a"])
    response = api.post(URL, _payload(units["a_dept"]), format="json")
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.created_by == users["editor_a"]
    assert list(activity.countries.values_list("code", flat=True)) == ["EE"]
    response = api.patch(
        f"{URL}{activity.pk}/", {"title": "Matka Tarttoon", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    assert api.delete(f"{URL}{activity.pk}/").status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_a_stale_version_gets_409_and_changes_nothing(api, users, activities):
    api.force_authenticate(users["editor_a"])
    activity = activities["internal_a"]
    assert (
        api.patch(
            f"{URL}{activity.pk}/", {"title": "Ensin", "version": 1}, format="json"
        ).status_code
        == 200
    )
    response = api.patch(f"{URL}{activity.pk}/", {"title": "Myöhässä", "version": 1}, format="json")
    assert response.status_code == 409
    assert "version" in response.json()
    assert "since version 1" in str(response.json()["version"])
    activity.refresh_from_db()
    assert activity.title == "Ensin"


def test_an_editor_cannot_write_another_units_activity_nor_create_for_it(
    api, users, units, activities
):
    api.force_authenticate(users["editor_b"])
    activity = activities["internal_a"]
    assert api.patch(f"{URL}{activity.pk}/", {"title": "X"}, format="json").status_code == 403
    assert api.delete(f"{URL}{activity.pk}/").status_code == 403
    response = api.post(URL, _payload(units["a"]), format="json")
    assert response.status_code == 400
    assert "unit" in response.json()
    # nor move their own activity into another unit
    own = activities["public_b"]
    response = api.patch(f"{URL}{own.pk}/", {"unit": units["a"].pk}, format="json")
    assert response.status_code == 400
    assert Activity.objects.get(pk=own.pk).unit == units["b"]


@pytest.mark.parametrize("who", ["viewer", "partner", None])
def test_readers_cannot_write(api, users, units, who):
    if who:
        api.force_authenticate(users[who])
    response = api.post(URL, _payload(units["a"]), format="json")
    assert response.status_code in (401, 403)
    assert not Activity.objects.exists()


def test_bad_input_is_refused_with_the_field_named(api, users, units):
    api.force_authenticate(users["editor_a"])
    response = api.post(URL, _payload(units["a"], end_date="2026-05-01"), format="json")
    assert response.status_code == 400 and "end_date" in response.json()
    response = api.post(URL, _payload(units["a"], countries=["XX"]), format="json")
    assert response.status_code == 400 and "countries" in response.json()
    response = api.post(URL, _payload(units["a"], start_date="huomenna"), format="json")
    assert response.status_code == 400 and "start_date" in response.json()
    response = api.post(URL, _payload(units["a"], units=[units["partner"].pk]), format="json")
    assert response.status_code == 400 and "units" in response.json()
    assert not Activity.objects.exists()
