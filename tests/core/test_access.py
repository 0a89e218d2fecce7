"""Who sees and edits which records, per role, in every path: queryset, page and API."""

import pytest
from rest_framework.test import APIClient

from citydiplomacy.core.models import Visibility
from citydiplomacy.plan.models import Plan
from tests.factories import PlanFactory


@pytest.fixture
def plans(units):
    """A public, an internal and a confidential plan in division A's department, a confidential
    plan in division B, and an internal plan of B explicitly shared with the partner city."""
    plans = {
        "public_a": PlanFactory(unit=units["a_dept"], visibility=Visibility.PUBLIC),
        "internal_a": PlanFactory(unit=units["a_dept"], visibility=Visibility.INTERNAL),
        "confidential_a": PlanFactory(unit=units["a_dept"], visibility=Visibility.CONFIDENTIAL),
        "confidential_b": PlanFactory(unit=units["b"], visibility=Visibility.CONFIDENTIAL),
        "shared_b": PlanFactory(unit=units["b"], visibility=Visibility.INTERNAL),
    }
    plans["shared_b"].shared_with.add(units["partner"])
    return plans


EXPECTED_VISIBLE = {
    "anonymous": {"public_a"},
    "coordinator": {"public_a", "internal_a", "confidential_a", "confidential_b", "shared_b"},
    "admin": {"public_a", "internal_a", "confidential_a", "confidential_b", "shared_b"},
    # Division A's editor sees the confidential plan of A's department, not B's.
    "editor_a": {"public_a", "internal_a", "confidential_a", "shared_b"},
    "editor_b": {"public_a", "internal_a", "confidential_b", "shared_b"},
    "viewer": {"public_a", "internal_a", "confidential_b", "shared_b"},
    "partner": {"public_a", "shared_b"},
}


def _user(users, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else users[role]


def _names(plans, ids):
    return {name for name, plan in plans.items() if plan.pk in ids}


@pytest.mark.parametrize("role", sorted(EXPECTED_VISIBLE))
def test_visible_to__each_role_sees_exactly_its_records(role, users, plans):
    visible = Plan.objects.visible_to(_user(users, role)).values_list("pk", flat=True)
    assert _names(plans, set(visible)) == EXPECTED_VISIBLE[role]


@pytest.mark.parametrize("role", sorted(EXPECTED_VISIBLE))
def test_api_list_and_detail__follow_the_same_rules(role, users, plans):
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(users[role])
    listed = client.get("/api/v1/plans/", {"page_size": 100}).json()["results"]
    assert _names(plans, {row["id"] for row in listed}) == EXPECTED_VISIBLE[role]
    for name, plan in plans.items():
        status = client.get(f"/api/v1/plans/{plan.pk}/").status_code
        assert status == (200 if name in EXPECTED_VISIBLE[role] else 404), name


@pytest.mark.parametrize("role", ["anonymous", "partner", "editor_b"])
def test_plan_page__hidden_records_answer_404(role, client, users, plans):
    if role != "anonymous":
        client.force_login(users[role])
    for name, plan in plans.items():
        response = client.get(f"/plan/{plan.pk}/")
        assert response.status_code == (200 if name in EXPECTED_VISIBLE[role] else 404), name


def test_partner_sees_shared_record_once_even_when_shared_with_many(users, units, plans):
    plans["shared_b"].shared_with.add(units["a"], units["b"])
    visible = list(Plan.objects.visible_to(users["partner"]).values_list("pk", flat=True))
    assert visible.count(plans["shared_b"].pk) == 1


@pytest.mark.parametrize(
    ("role", "plan_name", "expected"),
    [
        ("editor_a", "internal_a", 200),  # own unit's department
        ("editor_b", "internal_a", 403),  # another unit's record
        ("viewer", "public_a", 403),  # viewers read only
        ("partner", "shared_b", 403),
        ("coordinator", "confidential_b", 200),
    ],
)
def test_api_update__only_editors_of_the_owning_unit_and_coordinators(
    role, plan_name, expected, users, plans
):
    client = APIClient()
    client.force_authenticate(users[role])
    plan = plans[plan_name]
    response = client.patch(
        f"/api/v1/plans/{plan.pk}/", {"title": {"fi": "Uusi nimi"}}, format="json"
    )
    assert response.status_code == expected
    plan.refresh_from_db()
    assert (plan.title_fi == "Uusi nimi") == (expected == 200)


def test_api_create__anonymous_refused_and_nothing_written(plans):
    before = Plan.objects.count()
    response = APIClient().post(
        "/api/v1/plans/",
        {
            "title": {"fi": "X"},
            "start_year": 2020,
            "end_year": 2022,
            "unit": plans["public_a"].unit_id,
        },
        format="json",
    )
    assert response.status_code in (401, 403)
    assert Plan.objects.count() == before
