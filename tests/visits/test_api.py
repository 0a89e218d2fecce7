"""The staff API of visit requests: access per role, filters, the explained score, workflow
steps refused when illegal."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.visits.models import VisitRequest

pytestmark = pytest.mark.django_db
URL = "/api/v1/visit-requests/"


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def test_anonymous__no_access(api, submit):
    submit()
    assert api.get(URL).status_code in (401, 403)


@pytest.mark.parametrize(
    ("role", "count"),
    [
        ("coordinator", 1),
        ("admin", 1),
        ("editor_a", 1),
        ("editor_b", 0),
        ("viewer", 0),
        ("partner", 0),
    ],
)
def test_list__what_each_role_sees(api, submit, users, role, count):
    visit = submit()
    api.force_authenticate(users[role])
    response = api.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == count
    detail = api.get(f"{URL}{visit.pk}/")
    assert detail.status_code == (200 if count else 404)


def test_list__score_and_reasons_and_filters(api, submit, users):
    visit = submit()
    submit(organisation_name="Other", leader_level="other", themes=[])
    api.force_authenticate(users["coordinator"])
    rows = api.get(URL, {"min_score": visit.score}).json()["results"]
    assert [row["reference"] for row in rows] == [visit.reference]
    assert rows[0]["score"] == visit.score
    assert "+20 Climate spearhead" in [reason["text"] for reason in rows[0]["reasons"]]
    assert api.get(URL, {"country": "se", "status": "received"}).json()["count"] == 2
    assert api.get(URL, {"status": "held"}).json()["count"] == 0


def test_transition__legal_and_illegal(api, submit, users, outbox):
    visit = submit()
    api.force_authenticate(users["coordinator"])
    illegal = api.post(f"{URL}{visit.pk}/transition/", {"status": "held"}, format="json")
    assert illegal.status_code == 409
    assert "cannot be held" in illegal.json()["detail"]
    accepted = api.post(f"{URL}{visit.pk}/transition/", {"status": "accepted"}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert [t["to_status"] for t in accepted.json()["transitions"]] == [
        "received",
        "triaged",
        "accepted",
    ]
    programme = api.post(
        f"{URL}{visit.pk}/programme/",
        {
            "starts_at": f"{visit.first_day}T09:00:00+03:00",
            "ends_at": f"{visit.first_day}T10:00:00+03:00",
            "title": "Welcome",
        },
        format="json",
    )
    assert programme.status_code == 201
    assert programme.json()["status"] == "programme"


def test_transition__editor_may_not_decide(api, submit, users):
    visit = submit()
    api.force_authenticate(users["editor_a"])
    response = api.post(f"{URL}{visit.pk}/transition/", {"status": "accepted"}, format="json")
    assert response.status_code == 409
    assert VisitRequest.objects.get(pk=visit.pk).status == "received"
    api.force_authenticate(users["viewer"])
    response = api.post(f"{URL}{visit.pk}/transition/", {"status": "accepted"}, format="json")
    assert response.status_code == 403


def test_triage__coordinator_only(api, submit, users):
    visit = submit()
    api.force_authenticate(users["editor_a"])
    assert (
        api.post(
            f"{URL}{visit.pk}/triage/", {"business_potential": "high"}, format="json"
        ).status_code
        == 403
    )
    api.force_authenticate(users["coordinator"])
    response = api.post(f"{URL}{visit.pk}/triage/", {"business_potential": "high"}, format="json")
    assert response.status_code == 200
    assert response.json()["business_potential"] == "high"
    bad = api.post(f"{URL}{visit.pk}/triage/", {"business_potential": "huge"}, format="json")
    assert bad.status_code == 400 and "business_potential" in bad.json()


def test_no_writes_through_the_list(api, users):
    api.force_authenticate(users["coordinator"])
    assert api.post(URL, {"organisation_name": "x"}, format="json").status_code == 405
