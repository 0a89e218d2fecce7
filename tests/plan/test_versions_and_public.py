"""Plan versions and the public progress page."""

import pytest

from citydiplomacy.plan import versions
from citydiplomacy.plan.models import Plan
from tests.factories import MeasureFactory, ObjectiveFactory, PlanFactory, ToolFactory


@pytest.fixture
def plan(units):
    plan = PlanFactory(unit=units["a"], visibility="public", is_published=True, status="in_force")
    objective = ObjectiveFactory(plan=plan, number=1, title_fi="Tavoite")
    ToolFactory(plan=plan, number=1)
    MeasureFactory(
        plan=plan,
        code="1.1",
        title_fi="Julkinen toimenpide",
        visibility="public",
        objectives=[objective],
    )
    MeasureFactory(
        plan=plan,
        code="1.2",
        title_fi="Sisäinen toimenpide",
        visibility="internal",
        objectives=[objective],
    )
    return plan


def test_new_version__copies_content_and_links_back(users, plan):
    copy = versions.new_edition(plan, users["coordinator"])
    assert (copy.edition, copy.previous_edition_id, copy.status) == (2, plan.pk, "draft")
    assert copy.objectives.count() == 1
    assert sorted(copy.measures.values_list("code", flat=True)) == ["1.1", "1.2"]
    assert copy.measures.get(code="1.1").objectives.get().plan_id == copy.pk
    assert Plan.objects.get(pk=plan.pk).measures.count() == 2  # the original is untouched


def test_compare_page__says_what_changed(client, users, plan):
    copy = versions.new_edition(plan, users["coordinator"])
    copy.measures.filter(code="1.2").delete()
    measure = copy.measures.get(code="1.1")
    measure.title_fi = "Uusi nimi"
    measure.save()
    MeasureFactory(plan=copy, code="1.3")
    changes = versions.diff(versions.snapshot(plan), versions.snapshot(copy))
    kinds = {(c.section, c.identity, c.kind) for c in changes}
    assert {
        ("measures", "1.2", "removed"),
        ("measures", "1.3", "added"),
        ("measures", "1.1", "changed"),
    } <= kinds
    client.force_login(users["coordinator"])
    html = client.get(
        f"/plan/{plan.pk}/compare/{copy.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Uusi nimi" in html and "removed" in html and "added" in html


def test_new_version__only_coordinators(client, users, plan):
    client.force_login(users["editor_a"])
    assert client.post(f"/plan/{plan.pk}/versions/new/").status_code == 403
    assert Plan.objects.count() == 1


def test_public_page__anonymous_sees_public_measures_only(client, plan):
    html = client.get(f"/plan/{plan.pk}/progress/").content.decode()
    assert "Julkinen toimenpide" in html
    assert "Sisäinen toimenpide" not in html


def test_public_page__shows_public_items_only_even_to_a_coordinator(client, users, plan):
    client.force_login(users["coordinator"])
    html = client.get(f"/plan/{plan.pk}/progress/").content.decode()
    assert "Sisäinen toimenpide" not in html


def test_public_page__unpublished_plan_is_not_found(client, plan):
    Plan.objects.filter(pk=plan.pk).update(is_published=False)
    assert client.get(f"/plan/{plan.pk}/progress/").status_code == 404


def test_internal_measure__not_in_anonymous_plan_page_or_api(client, plan):
    html = client.get(f"/plan/{plan.pk}/").content.decode()
    assert "Sisäinen toimenpide" not in html
    codes = [m["code"] for m in client.get("/api/v1/measures/").json()["results"]]
    assert codes == ["1.1"]
