"""The report after the trip, the reports due for a unit, and the public travel register."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citydiplomacy.core.models import City, Country
from citydiplomacy.register.models import ApprovalState, TripApproval
from citydiplomacy.register.services import trips as service
from tests.factories import ActivityFactory, UserFactory

from .conftest import REQUEST, TODAY

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DAY = datetime.timedelta(days=1)


def _approved(activity, state=ApprovalState.APPROVED, **fields):
    values = {**REQUEST, "estimated_cost": 1500, **fields}
    return TripApproval.objects.create(activity=activity, state=state, **values)


def _ended_trip(unit, days_ago=3, **fields):
    return ActivityFactory(
        unit=unit,
        start_date=TODAY - (days_ago + 2) * DAY,
        end_date=TODAY - days_ago * DAY,
        **fields,
    )


# --- report after the trip ------------------------------------------------------------------


def test_report__written_after_the_trip_and_shown(client, people, units):
    trip = _ended_trip(units["a"])
    approval = _approved(trip)
    client.force_login(people["editor_a"])
    url = reverse("register:trip-report", args=[trip.pk])

    response = client.post(url, {"report": "Met the mayor", "benefit": "A climate MoU"}, **EN)

    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.report == "Met the mayor" and approval.report_benefit == "A climate MoU"
    assert approval.reported_at is not None and approval.reported_by == people["editor_a"]
    client.force_login(people["viewer"])
    page = client.get(url, **EN).content.decode()
    assert "Met the mayor" in page and "<form" not in page.split("<main")[1].split("</main>")[0]


def test_report__refused_before_the_trip_ends_and_for_unapproved_trips(client, people, units):
    future = ActivityFactory(unit=units["a"], start_date=TODAY + 5 * DAY)
    _approved(future)
    unapproved = _ended_trip(units["a"])
    _approved(unapproved, state=ApprovalState.SUBMITTED)
    client.force_login(people["editor_a"])

    for trip in (future, unapproved):
        client.post(
            reverse("register:trip-report", args=[trip.pk]),
            {"report": "x", "benefit": "y"},
        )
        assert TripApproval.objects.get(activity=trip).reported_at is None
    page = client.get(reverse("register:trip-report", args=[future.pk]), **EN).content.decode()
    assert "The report can be written from the trip" in page


def test_report__only_the_trips_editors_write_it(client, people, units):
    trip = _ended_trip(units["a"])
    _approved(trip)
    client.force_login(people["editor_b"])
    response = client.post(
        reverse("register:trip-report", args=[trip.pk]), {"report": "x", "benefit": "y"}
    )
    assert response.status_code == 403
    assert TripApproval.objects.get(activity=trip).reported_at is None


def test_reports_due__the_units_trips_without_report_overdue_marked(client, people, units):
    late = _ended_trip(units["a_dept"], days_ago=service.REPORT_DUE_DAYS + 5, title="Late trip")
    _approved(late)
    fresh = _ended_trip(units["a"], days_ago=1, title="Fresh trip")
    _approved(fresh)
    done = _ended_trip(units["a"], title="Reported trip")
    _approved(done, report="ok", reported_at=datetime.datetime.now(datetime.UTC))
    other = _ended_trip(units["b"], title="Other unit's trip")
    _approved(other)

    due = {trip.title: trip.overdue for trip in service.reports_due(people["editor_a"])}

    assert due == {"Late trip": True, "Fresh trip": False}
    client.force_login(people["editor_a"])
    page = client.get(reverse("register:trip-reports"), **EN).content.decode()
    assert "Late trip" in page and "Overdue" in page and "Other unit" not in page
    assert {t.title for t in service.reports_due(people["coordinator"])} == {
        "Late trip",
        "Fresh trip",
        "Other unit's trip",
    }


# --- the public travel register --------------------------------------------------------------


@pytest.fixture
def register_trips(units):
    """Approved senior trips (internal and public), and trips that must not appear."""
    tallinn = City.objects.filter(country__code="EE").first() or City.objects.create(
        name="Tallinn", country=Country.objects.get(code="EE"), latitude=59.4, longitude=24.7
    )
    shown = ActivityFactory(
        unit=units["a"],
        title="Mayor to Tallinn",
        delegation_level="elected",
        participants="Mayor Maria Example",
        start_date=datetime.date(2025, 5, 2),
        end_date=datetime.date(2025, 5, 3),
        actual_cost=1234,
        description="Internal description of the trip",
    )
    shown.cities.add(tallinn)
    shown.countries.add(tallinn.country)
    _approved(
        shown,
        aims="Secret aims text",
        report="Signed the twin city programme",
        reported_at=datetime.datetime(2025, 5, 10, tzinfo=datetime.UTC),
        requested_by=UserFactory(username="requester_x", first_name="Rauno", last_name="Req"),
    )
    public_director = ActivityFactory(
        unit=units["b"],
        title="Director to Brussels",
        delegation_level="director",
        participants="Director Dora",
        visibility="public",
        start_date=datetime.date(2024, 9, 1),
    )
    public_director.countries.add(Country.objects.get(code="BE"))
    _approved(public_director)
    hidden = {
        "Confidential mayor trip": {"visibility": "confidential", "delegation_level": "elected"},
        "Expert trip": {"delegation_level": "expert"},
        "Waiting director trip": {"delegation_level": "director"},
        "Cancelled mayor trip": {"delegation_level": "elected", "status": "cancelled"},
        "Rejected mayor trip": {"delegation_level": "elected"},
    }
    states = {"Waiting director trip": "submitted", "Rejected mayor trip": "rejected"}
    for title, fields in hidden.items():
        trip = ActivityFactory(unit=units["a"], title=title, **fields)
        _approved(trip, state=states.get(title, ApprovalState.APPROVED))
    ActivityFactory(unit=units["a"], title="Mayor trip never requested", delegation_level="elected")
    return shown


def test_travel_register__approved_senior_non_confidential_trips_only(client, register_trips):
    page = client.get(reverse("register:travel-register"), **EN).content.decode()

    assert "Mayor to Tallinn" in page and "Director to Brussels" in page
    for title in (
        "Confidential mayor trip",
        "Expert trip",
        "Waiting director trip",
        "Cancelled mayor trip",
        "Rejected mayor trip",
        "Mayor trip never requested",
    ):
        assert title not in page
    assert "Tallinn" in page and "Belgium" in page
    assert "Mayor Maria Example" in page
    assert "1,234 €" in page and "1,500 €" in page
    assert "Signed the twin city programme" in page
    assert "2 trips" in page


def test_travel_register__nothing_personal_or_internal_beyond_the_listed_fields(
    client, register_trips
):
    page = client.get(reverse("register:travel-register"), **EN).content.decode()
    csv_text = b"".join(
        client.get(reverse("register:travel-register"), {"format": "csv"}).streaming_content
    ).decode()

    for text in (page, csv_text):
        assert "Secret aims text" not in text
        assert "Internal description of the trip" not in text
        assert "Rauno" not in text and "requester_x" not in text
        assert "Confidential mayor trip" not in text


def test_travel_register__filters_by_year_and_person(client, register_trips):
    url = reverse("register:travel-register")
    by_year = client.get(url, {"year": "2024"}, **EN).content.decode()
    assert "Director to Brussels" in by_year and "Mayor to Tallinn" not in by_year
    by_person = client.get(url, {"person": "maria"}, **EN).content.decode()
    assert "Mayor to Tallinn" in by_person and "Director to Brussels" not in by_person
    assert client.get(url, {"year": "1066"}).status_code == 200  # not a choice: all years


def test_travel_register__csv_download(client, register_trips):
    response = client.get(
        reverse("register:travel-register"), {"format": "csv", "year": "2025"}, **EN
    )

    assert response["Content-Type"].startswith("text/csv")
    assert "travel-register-2025" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Start", "End", "Purpose"]
    assert len(rows) == 2
    assert rows[1][:4] == ["2025-05-02", "2025-05-03", "Mayor to Tallinn", rows[1][3]]
    assert "Tallinn" in rows[1][3]
    assert rows[1][7] == "1500.00" and rows[1][8] == "1234.00"


def test_travel_register__formula_in_a_title_is_not_run_by_a_spreadsheet(client, units):
    trip = ActivityFactory(unit=units["a"], title="=HYPERLINK(1)", delegation_level="elected")
    _approved(trip)
    response = client.get(reverse("register:travel-register"), {"format": "csv"})
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_travel_register__needs_no_login_and_queries_do_not_grow(client, units):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("register:travel-register")).status_code == 200
        return len(captured)

    for index in range(3):
        _approved(ActivityFactory(unit=units["a"], delegation_level="elected", title=f"T{index}"))
    few = queries()
    for index in range(20):
        _approved(ActivityFactory(unit=units["b"], delegation_level="director", title=f"U{index}"))
    assert queries() == few


def test_demo_approvals__every_state_idempotent_and_the_register_fills(client, people, units):
    for index in range(40):
        start = TODAY + (index - 25) * 7 * DAY
        ActivityFactory(
            unit=units["a"],
            title=f"Demo trip {index}",
            start_date=start,
            end_date=start + DAY,
            delegation_level="elected" if index % 2 else "expert",
            budget=1000 + index,
            source="demo",
            source_id=index,
        )
    ActivityFactory(unit=units["a"], title="A trip someone added to the demo")

    created = service.seed_demo_approvals()

    assert created == 40
    assert service.seed_demo_approvals() == 0
    states = set(TripApproval.objects.values_list("state", flat=True))
    assert {ApprovalState.APPROVED, ApprovalState.SUBMITTED} <= states
    assert TripApproval.objects.exclude(report="").exists()
    page = client.get(reverse("register:travel-register"), **EN).content.decode()
    assert "Demo trip" in page
