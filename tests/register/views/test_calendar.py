"""The month calendar: its grid and boundaries, multi-day activities, the filter it carries,
localised names, visibility and a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from citydiplomacy.register.services import calendar as service
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 3, 18)


def _row(pk, start, end, title="Trip", kind="trip", status="planned"):
    return {
        "pk": pk,
        "title": title,
        "kind": kind,
        "status": status,
        "start_date": start,
        "end_date": end,
    }


def _day(month, date):
    return next(day for week in month.weeks for day in week if day.date == date)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03", D(2026, 3, 1)),
        ("1999-12", D(1999, 12, 1)),
        ("2026-13", D(2026, 3, 1)),
        ("march", D(2026, 3, 1)),
        ("", D(2026, 3, 1)),
        (None, D(2026, 3, 1)),
        ("0-1", D(2026, 3, 1)),
    ],
)
def test_parse_month__falls_back_to_the_current_month(value, expected):
    assert service.parse_month(value, TODAY) == expected


def test_grid__whole_weeks_from_monday_to_sunday():
    # March 2026 starts on a Sunday and ends on a Tuesday.
    start, end = service.grid_bounds(D(2026, 3, 1))
    assert (start, end) == (D(2026, 2, 23), D(2026, 4, 5))
    month = service.build_month(D(2026, 3, 1), [], TODAY)
    assert len(month.weeks) == 6
    assert all(len(week) == 7 for week in month.weeks)
    assert month.weeks[0][0].date.weekday() == 0
    assert not _day(month, D(2026, 2, 28)).in_month
    assert _day(month, D(2026, 3, 31)).in_month
    assert _day(month, TODAY).is_today


def test_multi_day_activity_is_on_every_day_it_covers():
    month = service.build_month(D(2026, 3, 1), [_row(1, D(2026, 2, 27), D(2026, 3, 3))], TODAY)
    days = [day for week in month.weeks for day in week if day.entries]
    assert [day.date for day in days] == [D(2026, 2, d) for d in (27, 28)] + [
        D(2026, 3, d) for d in (1, 2, 3)
    ]
    assert days[0].entries[0].first_day and not days[0].entries[0].last_day
    assert not days[2].entries[0].first_day and not days[2].entries[0].last_day
    assert days[-1].entries[0].last_day
    assert month.total == 1


def test_long_activities_are_listed_apart_not_on_every_day():
    rows = [
        _row(1, D(2026, 1, 1), D(2026, 6, 30), title="A project"),
        _row(2, D(2026, 3, 10), D(2026, 3, 12), title="A trip"),
    ]
    month = service.build_month(D(2026, 3, 1), rows, TODAY)
    assert [entry.title for entry in month.long] == ["A project"]
    assert [entry.title for entry in _day(month, D(2026, 3, 11)).entries] == ["A trip"]
    assert month.total == 2


def test_a_busy_day_shows_three_and_counts_the_rest():
    rows = [_row(pk, D(2026, 3, 10), D(2026, 3, 10)) for pk in range(1, 6)]
    day = _day(service.build_month(D(2026, 3, 1), rows, TODAY), D(2026, 3, 10))
    assert [entry.pk for entry in day.entries] == [1, 2, 3]
    assert day.more == 2


def test_month_page__shows_the_months_activities_and_its_edges(client, units, users):
    ActivityFactory(unit=units["a"], title="Last of February", start_date=D(2026, 2, 28))
    ActivityFactory(unit=units["a"], title="First of March", start_date=D(2026, 3, 1))
    ActivityFactory(unit=units["a"], title="Last of March", start_date=D(2026, 3, 31))
    ActivityFactory(unit=units["a"], title="Early April", start_date=D(2026, 4, 5))
    ActivityFactory(unit=units["a"], title="Mid April", start_date=D(2026, 4, 6))
    client.force_login(users["coordinator"])
    response = client.get("/register/calendar/?month=2026-03", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "March 2026" in text
    # The grid's leading and trailing days belong to the neighbouring months.
    for title in ("Last of February", "First of March", "Last of March", "Early April"):
        assert title in text
    assert "Mid April" not in text
    assert response.context["month"].total == 2
    assert "2 activities this month" in text
    assert 'aria-label="Months"' in text
    assert "month=2026-02" in text and "month=2026-04" in text
    assert '<th scope="col"><abbr title="Monday">' in text


def test_month_page__in_finnish_and_swedish(client, users):
    client.force_login(users["viewer"])
    fi = client.get("/register/calendar/?month=2026-03", HTTP_ACCEPT_LANGUAGE="fi")
    assert "Maaliskuu 2026" in fi.content.decode()
    sv = client.get("/register/calendar/?month=2026-03", HTTP_ACCEPT_LANGUAGE="sv")
    assert "Mars 2026" in sv.content.decode()


def test_month_page__carries_the_filter_to_other_months_views_and_the_day_list(
    client, units, users
):
    for number in range(5):
        ActivityFactory(unit=units["a"], kind="visit", title=f"Visit {number}")
    ActivityFactory(unit=units["a"], kind="trip", title="A trip that is filtered out")
    client.force_login(users["coordinator"])
    response = client.get("/register/calendar/?month=2026-03&kind=visit", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "A trip that is filtered out" not in text
    assert "Visit 0" in text
    assert "kind=visit&amp;month=2026-04" in text
    assert "/register/map/?kind=visit" in text
    assert "/register/timeline/?kind=visit" in text
    # Five visits on 2 March: three shown, the rest behind a link to the list of that day.
    assert "+2 more" in text
    assert "/register/?kind=visit&amp;start=2026-03-02&amp;end=2026-03-02" in text


def test_month_page__another_units_confidential_activity_is_not_shown(client, units, users):
    ActivityFactory(unit=units["a"], title="Secret talks", visibility="confidential")
    ActivityFactory(unit=units["b"], title="Open seminar")
    client.force_login(users["editor_b"])
    text = client.get("/register/calendar/?month=2026-03").content.decode()
    assert "Open seminar" in text and "Secret talks" not in text
    client.force_login(users["editor_a"])
    assert "Secret talks" in client.get("/register/calendar/?month=2026-03").content.decode()


def test_month_page__the_public_sees_public_activities_only(client, units):
    ActivityFactory(unit=units["a"], title="Public fair", visibility="public")
    ActivityFactory(unit=units["a"], title="Internal meeting")
    text = client.get("/register/calendar/?month=2026-03").content.decode()
    assert "Public fair" in text and "Internal meeting" not in text


def test_month_page__a_bad_month_shows_the_current_month(client, users):
    client.force_login(users["viewer"])
    response = client.get("/register/calendar/?month=nonsense")
    assert response.status_code == 200
    assert response.context["month"].first == datetime.date.today().replace(day=1)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_month_page__query_count_does_not_grow_with_the_activities(client, units, users):
    client.force_login(users["editor_a"])
    url = "/register/calendar/?month=2026-03&kind=trip"
    for day in range(5):
        ActivityFactory(unit=units["a"], start_date=D(2026, 3, 2 + day))
    few = _queries(client, url)
    for day in range(50):
        ActivityFactory(
            unit=units["b"] if day % 2 else units["a"],
            start_date=D(2026, 3, 1 + day % 28),
            end_date=D(2026, 3, 1 + day % 28) + datetime.timedelta(days=day % 4),
        )
    assert _queries(client, url) == few


def test_month_for__one_query_for_the_activities(units, users):
    ActivityFactory(unit=units["a"])
    with CaptureQueriesContext(connection) as queries:
        month, _filter = service.month_for(users["coordinator"], QueryDict("month=2026-03"))
    assert len(queries) == 1
    assert month.total == 1
