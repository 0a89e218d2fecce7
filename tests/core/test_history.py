"""Every change is recorded (who, when, what) and a deleted record can be restored."""

import pytest

from citydiplomacy.plan.models import Objective
from tests.factories import ObjectiveFactory


@pytest.fixture
def objective(users, units):
    return ObjectiveFactory(plan__unit=units["a"], title="Alkuperäinen", title_fi="Alkuperäinen")


def test_history__shows_who_changed_what(client, users, objective):
    client.force_login(users["coordinator"])
    response = client.patch(
        f"/api/v1/objectives/{objective.pk}/",
        {"title": {"fi": "Muutettu otsikko"}},
        content_type="application/json",
    )
    assert response.status_code == 200
    page = client.get(
        f"/history/plan/objective/{objective.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Changed" in page
    assert "<del>Alkuperäinen</del>" in page
    assert "Muutettu otsikko" in page
    assert "coordinator" in page


def test_history__hidden_from_partners_and_anonymous(client, users, objective):
    url = f"/history/plan/objective/{objective.pk}/"
    assert client.get(url).status_code == 302  # to sign-in
    client.force_login(users["partner"])
    assert client.get(url).status_code == 403


def test_restore__coordinator_brings_a_deleted_record_back(client, users, objective):
    pk, title = objective.pk, objective.title
    objective.delete()
    client.force_login(users["coordinator"])
    listing = client.get("/history/plan/objective/deleted/").content.decode()
    assert title in listing
    history_id = Objective.history.filter(id=pk, history_type="-").get().history_id
    response = client.post(f"/history/plan/objective/restore/{history_id}/")
    assert response.status_code == 302
    restored = Objective.objects.get(pk=pk)
    assert restored.title == title
    after = client.get("/history/plan/objective/deleted/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Nothing has been deleted." in after.content.decode()


def test_restore__refused_for_unit_editors(client, users, objective):
    pk = objective.pk
    objective.delete()
    history_id = Objective.history.filter(id=pk, history_type="-").get().history_id
    client.force_login(users["editor_a"])
    assert client.post(f"/history/plan/objective/restore/{history_id}/").status_code == 403
    assert not Objective.objects.filter(pk=pk).exists()
