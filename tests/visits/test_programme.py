"""The programme builder: double bookings flagged, PDF/DOCX/iCalendar downloads; outcomes of a
held visit; the register link."""

import io
from datetime import datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from citydiplomacy.visits import register_link, services
from citydiplomacy.visits.models import ProgrammeItem

pytestmark = pytest.mark.django_db


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def accepted(submit, users):
    def _accepted(**overrides):
        visit = submit(**overrides)
        services.transition(visit, "accepted", users["coordinator"])
        return visit

    return _accepted


def _add(client, visit, start, end, title, host="", venue=""):
    fmt = "%Y-%m-%dT%H:%M"
    return client.post(
        reverse("visits:programme_add", args=[visit.pk]),
        {
            "starts_at": timezone.localtime(start).strftime(fmt),
            "ends_at": timezone.localtime(end).strftime(fmt),
            "title": title,
            "host_name": host,
            "venue": venue,
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )


def test_double_booked_host__flagged(client, accepted, users):
    visit = accepted()
    day = visit.first_day
    client.force_login(users["coordinator"])
    _add(
        client,
        visit,
        _at(day, 9),
        _at(day, 10),
        "Welcome",
        host="Mayor Vapaavuori",
        venue="City Hall",
    )
    response = _add(
        client,
        visit,
        _at(day, 9, 30),
        _at(day, 11),
        "Site visit",
        host="mayor  VAPAAVUORI",
        venue="Kalasatama",
    )
    page = response.content.decode()
    assert "Double booking" in page
    assert "Host Mayor Vapaavuori double-booked: Site visit" in page
    assert "2 double bookings of hosts or venues." in page
    visit.refresh_from_db()
    assert visit.status == "programme"


def test_double_booked_venue_across_visits__flagged(client, accepted, users):
    first, second = accepted(organisation_name="A"), accepted(organisation_name="B")
    day = first.first_day
    client.force_login(users["coordinator"])
    _add(client, first, _at(day, 13), _at(day, 14), "Lunch", venue="Villa Kleineh")
    page = _add(
        client, second, _at(day, 13, 45), _at(day, 15), "Talks", venue="villa kleineh"
    ).content.decode()
    assert "Venue villa kleineh double-booked: Lunch" in page
    assert first.reference in page


def test_back_to_back_items__no_clash(client, accepted, users):
    visit = accepted()
    day = visit.first_day
    client.force_login(users["coordinator"])
    _add(client, visit, _at(day, 9), _at(day, 10), "One", host="Host")
    page = _add(client, visit, _at(day, 10), _at(day, 11), "Two", host="Host").content.decode()
    assert "double-booked" not in page


def test_item_ending_before_it_starts__error(client, accepted, users):
    visit = accepted()
    client.force_login(users["coordinator"])
    day = visit.first_day
    response = _add(client, visit, _at(day, 11), _at(day, 10), "Backwards")
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert not ProgrammeItem.objects.exists()


def test_programme_not_editable_before_acceptance(client, submit, users):
    visit = submit()
    client.force_login(users["coordinator"])
    day = visit.first_day
    page = _add(client, visit, _at(day, 9), _at(day, 10), "Early").content.decode()
    assert "once the visit is accepted" in page
    assert not ProgrammeItem.objects.exists()


def test_downloads__pdf_docx_ical(client, accepted, users):
    visit = accepted(organisation_name="Göteborgs Stad")
    day = visit.first_day
    services.add_programme_item(
        visit,
        users["coordinator"],
        starts_at=_at(day, 9),
        ends_at=_at(day, 10),
        title="Välkomstmöte",
        venue="Stadshuset",
        host_name="Anna Host",
    )
    client.force_login(users["coordinator"])
    url = lambda fmt: reverse("visits:programme_download", args=[visit.pk, fmt])  # noqa: E731
    pdf = client.get(url("pdf"), {"lang": "sv"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Välkomstmöte" in text and "Program" in text
    docx = client.get(url("docx"), {"lang": "en"})
    from docx import Document

    document = Document(io.BytesIO(docx.content))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "Välkomstmöte" in cells and "Anna Host" in cells[-1]
    ics = client.get(url("ics"))
    from icalendar import Calendar

    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Välkomstmöte (Göteborgs Stad)"]
    assert events[0].decoded("dtstart") == _at(day, 9)
    assert client.get(url("exe")).status_code == 404


def _hold(visit, user):
    day = visit.first_day
    services.add_programme_item(
        visit, user, starts_at=_at(day, 9), ends_at=_at(day, 10), title="Meeting"
    )
    for target in ("confirmed", "held"):
        services.transition(visit, target, user)


def test_outcomes__recorded_after_held(client, accepted, users):
    visit = accepted()
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("visits:outcome_add", args=[visit.pk]),
        {"kind": "lead", "description": "Too early"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "once the visit has been held" in response.content.decode()
    _hold(visit, users["coordinator"])
    response = client.post(
        reverse("visits:outcome_add", args=[visit.pk]),
        {"kind": "agreement", "description": "MoU on smart mobility"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "MoU on smart mobility" in response.content.decode()
    assert visit.outcomes.get().kind == "agreement"
    bad = client.post(
        reverse("visits:outcome_add", args=[visit.pk]),
        {"kind": "lead", "description": "<script>x</script>"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert visit.outcomes.count() == 1


def test_register_link__held_visit_is_an_activity(accepted, users):
    visit = accepted()
    _hold(visit, users["coordinator"])
    activity = register_link.record_visit(visit, users["coordinator"])
    assert activity is not None
    assert visit.organisation_name in activity.title
    assert activity.start_date == visit.first_day


def test_register_link__outcome_updates_activity(accepted, users):
    visit = accepted()
    _hold(visit, users["coordinator"])
    services.add_outcome(visit, users["coordinator"], kind="lead", description="Investor lead")
    activity = register_link.record_visit(visit)
    assert "Investor lead" in activity.outcomes
