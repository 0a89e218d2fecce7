"""iCalendar feeds: created from the current filter, read by calendar programs, evaluated for the
feed's owner at every fetch, and gone when deleted."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from citydiplomacy.register.models import CalendarFeed
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _events(client, feed):
    response = client.get(f"/register/feeds/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def _soon(days=10):
    return datetime.date.today() + datetime.timedelta(days=days)


def _create(client, name, query=""):
    response = client.post("/register/feeds/", {"action": "create", "name": name, "query": query})
    assert response.status_code == 302
    return CalendarFeed.objects.get(name=name)


def test_a_feed_from_the_current_filter_carries_its_activities_as_all_day_events(
    client, units, users, places
):
    start = _soon()
    trip = ActivityFactory(
        unit=units["a"],
        kind="trip",
        title="Delegation to Beijing",
        description="Meetings on smart mobility.",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
        status="confirmed",
    )
    trip.cities.set([places["beijing"]])
    trip.countries.set([places["CN"]])
    ActivityFactory(unit=units["a"], kind="visit", title="A visit", start_date=start)
    client.force_login(users["editor_a"])
    page = client.get("/register/feeds/?kind=trip&page=3", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert 'name="query" value="kind=trip"' in page.content.decode()
    assert "Outgoing trip" in page.content.decode()  # the filter, described

    feed = _create(client, "Our trips", "kind=trip")
    assert feed.user == users["editor_a"] and feed.query == "kind=trip"
    listing = client.get("/register/feeds/").content.decode()
    assert f"http://testserver/register/feeds/{feed.token}.ics" in listing

    events = _events(client, feed)
    assert list(events) == ["Delegation to Beijing"]
    event = events["Delegation to Beijing"]
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + datetime.timedelta(days=3)  # exclusive
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert places["beijing"].name in str(event["LOCATION"])
    assert "Meetings on smart mobility." in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/register/{trip.pk}/"
    assert str(event["STATUS"]) == "CONFIRMED"
    uid = str(event["UID"])
    # The same event keeps its UID, so a calendar program updates it rather than duplicating.
    trip.title = "Delegation to Beijing and Shanghai"
    trip.save()
    assert str(_events(client, feed)["Delegation to Beijing and Shanghai"]["UID"]) == uid


def test_the_feed_is_read_without_signing_in_and_shows_what_its_owner_may_see(client, units, users):
    ActivityFactory(
        unit=units["a"], title="Secret talks", visibility="confidential", start_date=_soon()
    )
    ActivityFactory(unit=units["a"], title="Open seminar", start_date=_soon())
    feed_b = CalendarFeed.objects.create(user=users["editor_b"], token="b" * 43)
    feed_a = CalendarFeed.objects.create(user=users["editor_a"], token="a" * 43)
    assert set(_events(client, feed_b)) == {"Open seminar"}
    assert set(_events(client, feed_a)) == {"Secret talks", "Open seminar"}


def test_a_user_who_moves_to_another_unit_loses_the_confidential_events(client, units, users):
    ActivityFactory(
        unit=units["a"], title="Secret talks", visibility="confidential", start_date=_soon()
    )
    editor = users["editor_a"]
    feed = CalendarFeed.objects.create(user=editor, token="m" * 43)
    assert "Secret talks" in _events(client, feed)
    editor.unit = units["b"]
    editor.save()
    assert "Secret talks" not in _events(client, feed)


def test_unknown_deleted_or_deactivated_feed__404(client, units, users):
    ActivityFactory(unit=units["a"], start_date=_soon())
    assert client.get("/register/feeds/nope.ics").status_code == 404
    client.force_login(users["editor_a"])
    feed = _create(client, "Mine")
    assert client.get(f"/register/feeds/{feed.token}.ics").status_code == 200
    client.post("/register/feeds/", {"action": "delete", "feed": feed.pk})
    assert not CalendarFeed.objects.filter(pk=feed.pk).exists()
    assert client.get(f"/register/feeds/{feed.token}.ics").status_code == 404
    other = CalendarFeed.objects.create(user=users["viewer"], token="v" * 43)
    users["viewer"].is_active = False
    users["viewer"].save()
    assert client.get(f"/register/feeds/{other.token}.ics").status_code == 404


def test_nobody_deletes_another_users_feed(client, users):
    feed = CalendarFeed.objects.create(user=users["editor_a"], token="x" * 43)
    client.force_login(users["editor_b"])
    client.post("/register/feeds/", {"action": "delete", "feed": feed.pk})
    assert CalendarFeed.objects.filter(pk=feed.pk).exists()
    assert feed.token not in client.get("/register/feeds/").content.decode()


def test_everything_of_my_unit__own_unit_and_sub_units(client, units, users):
    ActivityFactory(unit=units["a"], title="Division A's", start_date=_soon())
    ActivityFactory(unit=units["a_dept"], title="Department A's", start_date=_soon())
    ActivityFactory(unit=units["b"], title="Division B's", start_date=_soon())
    client.force_login(users["editor_a"])
    client.post("/register/feeds/", {"action": "unit"})
    feed = CalendarFeed.objects.get(user=users["editor_a"])
    assert "Division A" in feed.name
    assert set(_events(client, feed)) == {"Division A's", "Department A's"}


def test_the_feeds_page_needs_signing_in(client):
    response = client.get("/register/feeds/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post("/register/feeds/", {"action": "unit"}).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_feed_leaves_out_the_distant_past(client, units, users):
    ActivityFactory(unit=units["a"], title="Long ago", start_date=D(2001, 1, 1))
    ActivityFactory(unit=units["a"], title="Soon", start_date=_soon())
    feed = CalendarFeed.objects.create(user=users["coordinator"], token="p" * 43)
    assert set(_events(client, feed)) == {"Soon"}


def test_feed_query_count_does_not_grow_with_the_activities(client, units, users, places):
    feed = CalendarFeed.objects.create(user=users["editor_a"], token="q" * 43, query="kind=trip")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            _events(client, feed)
        return len(captured)

    for number in range(5):
        ActivityFactory(unit=units["a"], start_date=_soon(number)).cities.set([places["beijing"]])
    few = queries()
    for number in range(50):
        activity = ActivityFactory(unit=units["b"], start_date=_soon(number))
        activity.cities.set([places["beijing"], places["shanghai"]])
        activity.countries.set([places["CN"]])
    assert queries() == few
