"""The activity page: the slots other parts of the register fill (trip approval, radar) and
what it shows of the record."""

import pytest
from django.urls import reverse

from citydiplomacy.register.models import RadarFinding

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_radar_slot_shows_the_activitys_findings_to_those_concerned(
    client, users, units, make_activity, places
):
    ours = make_activity(title="Trip to Stockholm", cities=[places["stockholm"]])
    theirs = make_activity(title="B's Stockholm trip", unit=units["b"], visibility="confidential")
    finding = RadarFinding.objects.create(
        kind="overlap",
        signature="test-overlap",
        key_type="city",
        key_id=places["stockholm"].pk,
        key_label="Tukholma",
        start_date=ours.start_date,
        end_date=ours.end_date,
    )
    finding.activities.set([ours, theirs])
    finding.units.set([units["a"], units["b"]])

    client.force_login(users["coordinator"])
    page = client.get(f"/register/{ours.pk}/", **EN).content.decode()
    assert 'id="radar-detail-heading"' in page
    assert "B&#x27;s Stockholm trip" in page
    # Unit A's editor may not see B's confidential trip, so not the finding that names it.
    client.force_login(users["editor_a"])
    page = client.get(f"/register/{ours.pk}/", **EN).content.decode()
    assert 'id="radar-detail-heading"' not in page
    assert "B&#x27;s Stockholm trip" not in page


def test_the_trip_slot_offers_an_approval_request_for_an_outgoing_trip(
    client, users, make_activity
):
    trip = make_activity(title="Trip", kind="trip")
    event = make_activity(title="Event", kind="event")
    client.force_login(users["editor_a"])
    approval = reverse("register:trip-approval", args=[trip.pk])
    assert approval in client.get(f"/register/{trip.pk}/").content.decode()
    assert "/approval/" not in client.get(f"/register/{event.pk}/").content.decode()


def test_the_public_sees_a_public_activity_without_people_or_history(client, make_activity):
    activity = make_activity(title="Open day", visibility="public")
    page = client.get(f"/register/{activity.pk}/", **EN).content.decode()
    assert "Open day" in page
    assert "/history/" not in page
    assert "Last changed" not in page
    assert f"/register/{activity.pk}/edit/" not in page
