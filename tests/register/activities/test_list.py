"""The register's list: every filter, sorting, the count, the empty state, and a query count that
does not grow with the number of rows on the page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citydiplomacy.core.models import Visibility
from tests.factories import ObjectiveFactory, PartnerOrganisationFactory, PlanFactory, ThemeFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _titles(response) -> list[str]:
    return [activity.title for activity in response.context["page"].object_list]


def _get(client, user, query="", **extra):
    client.force_login(user)
    return client.get(f"/register/{query}", **(EN | extra))


def test_list__shows_each_rows_date_type_unit_places_partner_and_the_count(
    client, users, units, make_activity, places, partner_org
):
    make_activity(
        title="Nordic mayors' meeting",
        cities=[places["stockholm"]],
        partners=[partner_org],
        delegation_level="elected",
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2026, 4, 3),
    )
    make_activity(title="Smart city fair")
    response = _get(client, users["coordinator"])
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 activities" in page
    assert "Nordic mayors&#x27; meeting" in page
    assert "Outgoing trip" in page
    assert units["a"].name_en in page
    assert "Stockholm" in page
    assert "Stockholms stad" in page
    assert "Mayor or elected members" in page
    assert "2026-04-01" in page  # the machine-readable date


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=harbour", ["Harbour cooperation"]),
        ("?kind=visit", ["Delegation from Beijing"]),
        ("?kind=visit&kind=event", ["Delegation from Beijing", "Climate summit"]),
        ("?status=cancelled", ["Climate summit"]),
        ("?country=CN", ["Delegation from Beijing"]),
        ("?city=Pekingin", ["Delegation from Beijing"]),  # Finnish inflection
        ("?level=elected", ["Harbour cooperation"]),
        ("?start=2026-06-01", ["Climate summit"]),
        ("?end=2026-02-01", ["Harbour cooperation"]),
        ("?start=2026-03-01&end=2026-03-31", ["Delegation from Beijing"]),
    ],
)
def test_list__each_filter_narrows_the_rows(
    client, users, units, make_activity, places, query, expected
):
    make_activity(
        title="Harbour cooperation",
        description="Port of Helsinki and Tallinn harbour",
        delegation_level="elected",
        start_date=datetime.date(2026, 1, 10),
        end_date=datetime.date(2026, 1, 12),
        cities=[places["stockholm"]],
    )
    make_activity(
        title="Delegation from Beijing",
        kind="visit",
        start_date=datetime.date(2026, 3, 10),
        end_date=datetime.date(2026, 3, 11),
        cities=[places["beijing"]],
    )
    make_activity(
        title="Climate summit",
        kind="event",
        status="cancelled",
        unit=units["b"],
        start_date=datetime.date(2026, 6, 10),
        end_date=datetime.date(2026, 6, 11),
    )
    response = _get(client, users["coordinator"], query)
    assert response.status_code == 200
    assert sorted(_titles(response)) == sorted(expected)


def test_list__unit_filter_includes_sub_units_and_units_taking_part(
    client, users, units, make_activity
):
    make_activity(title="Owned by the department", unit=units["a_dept"])
    joined = make_activity(title="B with A taking part", unit=units["b"])
    joined.units.set([units["a"]])
    make_activity(title="Only B", unit=units["b"])
    response = _get(client, users["coordinator"], f"?unit={units['a'].pk}")
    assert sorted(_titles(response)) == ["B with A taking part", "Owned by the department"]


def test_list__partner_theme_and_objective_filters(client, users, units, make_activity):
    partner = PartnerOrganisationFactory(name="Eurocities")
    theme = ThemeFactory(name="Climate")
    objective = ObjectiveFactory(plan=PlanFactory(status="in_force", unit=units["a"]))
    with_partner = make_activity(title="With the partner", partners=[partner])
    with_theme = make_activity(title="With the theme")
    with_theme.themes.set([theme])
    with_objective = make_activity(title="With the objective")
    with_objective.objectives.set([objective])
    make_activity(title="Nothing linked")
    assert _titles(_get(client, users["coordinator"], f"?partner={partner.pk}")) == [
        with_partner.title
    ]
    assert _titles(_get(client, users["coordinator"], f"?theme={theme.pk}")) == [with_theme.title]
    assert _titles(_get(client, users["coordinator"], f"?objective={objective.pk}")) == [
        with_objective.title
    ]
    page = _get(client, users["coordinator"], f"?partner={partner.pk}").content.decode()
    assert "Eurocities" in page  # the partner filter is named on the page


def test_list__sorts_by_date_both_ways(client, users, make_activity):
    for day in (5, 1, 9):
        make_activity(title=f"Day {day}", start_date=datetime.date(2026, 2, day))
    assert _titles(_get(client, users["coordinator"])) == ["Day 9", "Day 5", "Day 1"]
    assert _titles(_get(client, users["coordinator"], "?sort=oldest")) == [
        "Day 1",
        "Day 5",
        "Day 9",
    ]


def test_list__paginates_and_keeps_the_filter_in_the_page_links(client, users, make_activity):
    for n in range(30):
        make_activity(title=f"Visit {n}", kind="visit")
    response = _get(client, users["coordinator"], "?kind=visit&per_page=25")
    assert len(_titles(response)) == 25
    assert "30 activities" in response.content.decode()
    assert "kind=visit&amp;per_page=25&amp;page=2" in response.content.decode()
    second = _get(client, users["coordinator"], "?kind=visit&per_page=25&page=2")
    assert len(_titles(second)) == 5


def test_list__empty_states_differ_for_no_data_and_no_match(client, users, make_activity):
    page = _get(client, users["editor_a"]).content.decode()
    assert "No activities have been registered yet." in page
    assert "Register the first activity" in page
    make_activity(title="Something")
    page = _get(client, users["editor_a"], "?q=nothing-like-this").content.decode()
    assert "No activities match the filters." in page
    assert "0 activities" in page


def test_list__new_activity_is_offered_only_to_those_who_may_create(client, users):
    assert "New activity" in _get(client, users["editor_a"]).content.decode()
    assert "New activity" in _get(client, users["coordinator"]).content.decode()
    assert "New activity" not in _get(client, users["viewer"]).content.decode()
    assert "New activity" not in _get(client, users["partner"]).content.decode()
    client.logout()
    assert "New activity" not in client.get("/register/", **EN).content.decode()


def test_list__an_invalid_filter_value_is_shown_not_a_crash(client, users, make_activity):
    make_activity(title="Something")
    response = _get(client, users["coordinator"], "?start=not-a-date&country=XX")
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def _many(make_activity, units, places, partner, count):
    for n in range(count):
        make_activity(
            title=f"Activity {n}",
            unit=units["a"] if n % 2 else units["b"],
            cities=[places["stockholm"], places["helsinki"]],
            partners=[partner],
            visibility=Visibility.CONFIDENTIAL if n % 5 == 0 else Visibility.INTERNAL,
        )


@pytest.mark.parametrize("role", ["coordinator", "editor_a", "partner"])
def test_list__query_count_does_not_depend_on_the_rows_on_the_page(
    client, users, units, make_activity, places, partner_org, role, django_assert_max_num_queries
):
    client.force_login(users[role])
    _many(make_activity, units, places, partner_org, 5)
    client.get("/register/?per_page=100")  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as five:
        response = client.get("/register/?per_page=100&country=SE")
    assert response.status_code == 200

    _many(make_activity, units, places, partner_org, 55)
    with django_assert_max_num_queries(len(five)):
        response = client.get("/register/?per_page=100&country=SE")
    rows = len(response.context["page"].object_list)
    if role == "coordinator":
        assert rows == 60
    assert len(five) <= 14


def test_list__a_count_beyond_the_cap_says_more_than(client, users, make_activity, monkeypatch):
    from citydiplomacy.register.views.activities import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for n in range(5):
        make_activity(title=f"Activity {n}")
    response = _get(client, users["coordinator"], "?per_page=25")
    page = response.content.decode()
    assert "More than 3 activities; narrow the filters to count them exactly." in page
    assert len(_titles(response)) == 3
    make_activity(title="Only one", kind="visit")
    assert "1 activity" in _get(client, users["coordinator"], "?kind=visit").content.decode()
