"""The plan page shows the seed plan to everyone, in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citydiplomacy.demo import loader


@pytest.fixture
def demo(db):
    loader.load_demo()


@pytest.mark.parametrize(
    ("language", "objective", "tool"),
    [
        (
            "fi",
            "Investointien ja osaajien houkuttelu",
            "Helsingille relevanttien vertailukaupunkien",
        ),
        ("sv", "Att attrahera investeringar och kompetens", "Att välja relevanta jämförelsestäder"),
        ("en", "Attracting investment and talent", "Selecting relevant comparison cities"),
    ],
)
def test_plan_page__anonymous_reads_objectives_and_tools(client, demo, language, objective, tool):
    response = client.get("/plan/", HTTP_ACCEPT_LANGUAGE=language, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert objective in html
    assert tool in html
    assert html.count('id="objective-') == 7
    assert html.count('id="tool-') == 5


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_plan_page__number_of_queries_does_not_grow_with_the_plan(client, demo):
    from citydiplomacy.core.models import User
    from citydiplomacy.plan.models import Plan
    from tests.factories import MeasureFactory

    client.force_login(User.objects.get(username="coordinator"))
    plan = Plan.objects.get(status="in_force")
    url = f"/plan/{plan.pk}/"
    before = _queries(client, url)
    objective = plan.objectives.first()
    for _ in range(15):
        MeasureFactory(plan=plan, unit=plan.unit, objectives=[objective])
    assert _queries(client, url) == before


def test_api_plan__translated_fields_as_objects(client, demo):
    plan = client.get("/api/v1/plans/").json()["results"][0]
    assert plan["title"] == {
        "fi": "Kansainvälisen toiminnan suunnitelma",
        "sv": "Plan för den internationella verksamheten",
        "en": "International activity plan",
    }
    assert len(plan["objectives"]) == 7


def test_api_plan__end_before_start_refused_with_field_error(client, demo):
    from citydiplomacy.core.models import User

    client.force_login(User.objects.get(username="coordinator"))
    plan_id = client.get("/api/v1/plans/").json()["results"][0]["id"]
    response = client.patch(
        f"/api/v1/plans/{plan_id}/", {"end_year": 2010}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "end_year" in response.json()
