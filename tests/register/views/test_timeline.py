"""The timeline: the filtered activities by unit over a period, capped with a note, with a table
beside the chart; visibility and constant queries."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citydiplomacy.register.services import timeline as service
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_timeline__rows_by_unit_and_bars_with_exclusive_ends(client, units, users):
    ActivityFactory(unit=units["a"], title="Expo", start_date=D(2026, 5, 4), end_date=D(2026, 5, 6))
    ActivityFactory(unit=units["b"], title="Seminar", start_date=D(2026, 6, 1))
    ActivityFactory(unit=units["a"], title="Last year", start_date=D(2025, 6, 1))
    client.force_login(users["coordinator"])
    response = client.get(
        "/register/timeline/?start=2026-01-01&end=2026-12-31", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    text = response.content.decode()
    chart = response.context["chart"]
    with translation.override("en"):
        names = [str(units["a"]), str(units["b"])]
    rows = [unit["name"] for unit in chart["units"]]
    assert rows == sorted(names)
    row_a, row_b = rows.index(names[0]), rows.index(names[1])
    assert sorted(bar[:4] for bar in chart["bars"]) == sorted(
        [
            [row_a, "2026-05-04", "2026-05-07", "Expo"],
            [row_b, "2026-06-01", "2026-06-02", "Seminar"],
        ]
    )
    assert "Last year" not in text
    assert f'<th scope="rowgroup" rowspan="1">{names[0]}</th>' in text
    assert 'id="timeline-data"' in text
    embedded = text.split('id="timeline-data" type="application/json">')[1].split("</script>")[0]
    assert json.loads(embedded)["units"] == chart["units"]
    assert "2 activities from" in text


def test_lanes__overlapping_activities_do_not_share_one():
    intervals = [
        (D(2026, 1, 1), D(2026, 6, 30)),  # a project
        (D(2026, 2, 1), D(2026, 2, 3)),
        (D(2026, 2, 3), D(2026, 2, 4)),  # overlaps the one before on 3 February
        (D(2026, 2, 5), D(2026, 2, 5)),
        (D(2026, 7, 1), D(2026, 7, 2)),
    ]
    assigned = service.lanes(intervals)
    assert assigned == [0, 1, 2, 1, 0]
    for i, (start, end) in enumerate(intervals):
        for j, (other_start, other_end) in enumerate(intervals):
            if i < j and assigned[i] == assigned[j]:
                assert end < other_start or other_end < start


def test_timeline__without_dates_shows_the_current_year(client, units, users):
    this_year = datetime.date.today().year
    ActivityFactory(unit=units["a"], title="This year", start_date=D(this_year, 1, 15))
    ActivityFactory(unit=units["a"], title="Next year", start_date=D(this_year + 1, 1, 15))
    client.force_login(users["viewer"])
    response = client.get("/register/timeline/", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "This year" in text and "Next year" not in text
    assert "Choose other dates in the filter" in text


def test_timeline__capped_with_a_note(client, units, users, monkeypatch):
    monkeypatch.setattr(service, "LIMIT", 3)
    for day in range(5):
        ActivityFactory(unit=units["a"], title=f"Day {day}", start_date=D(2026, 3, 2 + day))
    client.force_login(users["coordinator"])
    response = client.get("/register/timeline/?start=2026-03-01", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode()
    assert "The first 3 are shown; 2 more match." in text
    assert "Day 2" in text and "Day 3" not in text


def test_timeline__filters_and_visibility(client, units, users):
    ActivityFactory(unit=units["a"], title="Secret talks", visibility="confidential")
    ActivityFactory(unit=units["b"], title="A visit", kind="visit")
    ActivityFactory(unit=units["b"], title="A trip", kind="trip")
    client.force_login(users["editor_b"])
    text = client.get("/register/timeline/?start=2026-01-01&kind=visit").content.decode()
    assert "A visit" in text and "A trip" not in text and "Secret talks" not in text
    text = client.get("/register/timeline/?start=2026-01-01").content.decode()
    assert "Secret talks" not in text


def test_timeline__query_count_does_not_grow_with_the_activities(client, units, users):
    client.force_login(users["editor_a"])
    url = "/register/timeline/?start=2026-01-01&end=2026-12-31"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for day in range(5):
        ActivityFactory(unit=units["a"], start_date=D(2026, 3, 1 + day))
    few = queries()
    for day in range(50):
        ActivityFactory(
            unit=units["b"] if day % 2 else units["a_dept"],
            start_date=D(2026, 1 + day % 12, 1 + day % 28),
        )
    assert queries() == few
