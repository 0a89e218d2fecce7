"""Editing the plan: concurrent edits are refused, not lost; bad input is refused at the field."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.plan.models import Indicator, IndicatorValue, Measure
from tests.factories import IndicatorFactory, MeasureFactory, ObjectiveFactory, PlanFactory


@pytest.fixture
def plan(units):
    return PlanFactory(unit=units["a"], start_year=2018, end_year=2021)


@pytest.fixture
def measure(plan, units):
    objective = ObjectiveFactory(plan=plan, number=1)
    return MeasureFactory(
        plan=plan, code="1.1", unit=units["a"], title_fi="Alku", objectives=[objective]
    )


def _form_data(client, measure):
    page = client.get(f"/plan/measures/{measure.pk}/edit/")
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def test_two_editors__second_save_is_refused_with_what_changed(client, users, measure):
    first, second = client, type(client)()
    first.force_login(users["coordinator"])
    second.force_login(users["editor_a"])
    data_first, data_second = _form_data(first, measure), _form_data(second, measure)
    data_first["title_fi"] = "Koordinaattorin otsikko"
    assert first.post(f"/plan/measures/{measure.pk}/edit/", data_first).status_code == 302
    data_second["budget"] = "5000"
    response = second.post(
        f"/plan/measures/{measure.pk}/edit/", data_second, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "saved this measure while you were editing it" in html
    assert "Title [fi]" in html or "title [fi]" in html.lower()
    stored = Measure.objects.get(pk=measure.pk)
    assert stored.title_fi == "Koordinaattorin otsikko"
    assert stored.budget is None


def test_edit_form__end_before_start_refused_at_the_field(client, users, measure):
    client.force_login(users["editor_a"])
    data = _form_data(client, measure)
    data.update(start_date="2020-05-01", end_date="2020-01-01", title_fi="Muutettu")
    response = client.post(f"/plan/measures/{measure.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The end cannot be before the start." in response.content.decode()
    assert Measure.objects.get(pk=measure.pk).title_fi == "Alku"


def test_api_update_with_stale_version__409_and_nothing_written(users, measure):
    client = APIClient()
    client.force_authenticate(users["coordinator"])
    url = f"/api/v1/measures/{measure.pk}/"
    assert (
        client.patch(url, {"title": {"fi": "Uusi"}, "version": 1}, format="json").status_code == 200
    )
    stale = client.patch(url, {"budget": "100.00", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "version" in stale.json()
    assert Measure.objects.get(pk=measure.pk).budget is None


def test_api_progress_is_changed_only_by_status_updates(users, measure):
    client = APIClient()
    client.force_authenticate(users["coordinator"])
    bad = client.post(
        "/api/v1/status-updates/",
        {"measure": measure.pk, "status": "on_track", "progress": 120},
        format="json",
    )
    assert bad.status_code == 400
    assert "progress" in bad.json()
    good = client.post(
        "/api/v1/status-updates/",
        {"measure": measure.pk, "status": "on_track", "progress": 40},
        format="json",
    )
    assert good.status_code == 201
    assert Measure.objects.get(pk=measure.pk).progress == 40


def test_api_indicator__target_outside_plan_period_refused(users, plan):
    client = APIClient()
    client.force_authenticate(users["coordinator"])
    objective = ObjectiveFactory(plan=plan, number=2)
    response = client.post(
        "/api/v1/indicators/",
        {
            "plan": plan.pk,
            "objective": objective.pk,
            "code": "visits",
            "name": {"fi": "Vierailut"},
            "values": [
                {"year": 2019, "kind": "target", "value": 10},
                {"year": 2030, "kind": "target", "value": 12},
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "values[1].year" in response.json()
    assert not Indicator.objects.filter(code="visits").exists()


def test_api_indicator_value_of_wrong_type_refused(users, plan):
    client = APIClient()
    client.force_authenticate(users["coordinator"])
    indicator = IndicatorFactory(plan=plan)
    response = client.patch(
        f"/api/v1/indicators/{indicator.pk}/",
        {"values": [{"year": 2019, "kind": "actual", "value": "paljon"}]},
        format="json",
    )
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


def test_indicator_page__target_year_outside_period_refused_at_the_field(client, users, plan):
    indicator = IndicatorFactory(plan=plan)
    client.force_login(users["coordinator"])
    response = client.post(
        f"/plan/indicators/{indicator.pk}/",
        {"year": "2030", "kind": "target", "value": "5"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert (
        "A target must be for a year of the plan period (2018–2021)." in response.content.decode()
    )
    assert not IndicatorValue.objects.exists()
    ok = client.post(
        f"/plan/indicators/{indicator.pk}/", {"year": "2020", "kind": "target", "value": "5"}
    )
    assert ok.status_code == 302
    assert IndicatorValue.objects.get().value == 5
