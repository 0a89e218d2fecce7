"""Alignment read from the database: known numbers, visibility, queries that do not grow,
the page and the report section."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citydiplomacy.register import alignment as al
from citydiplomacy.register.services import alignment as service
from citydiplomacy.reports import followup, registry
from citydiplomacy.reports.render_docx import render_docx
from citydiplomacy.reports.render_pdf import render_html, render_pdf
from tests.factories import ActivityFactory
from tests.reports.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _bucket(period, dimension, key):
    return next(r for r in period.dimensions[dimension] if r.bucket.key == key)


def test_known_numbers_for_a_coordinator(plan_world, users):
    w = plan_world
    found = service.alignment_for(users["coordinator"], w["plan"], 2024, 2024)
    q1, q2, q3, q4 = found.result.quarters
    climate, digital = f"theme:{w['climate'].pk}", f"theme:{w['digital'].pk}"
    tallinn = f"city:{w['tallinn'].pk}"

    assert found.activity_count == 4  # A1, A2, A3, A5: not the cancelled one nor 2023's
    assert q1.totals == {"activities": 2, "cost": 4000, "senior_days": 6}
    # A1 all climate; A2 half climate, half digital (the unrelated theme is not a priority).
    assert _bucket(q1, "theme", climate).shares["activities"] == pytest.approx(0.75)
    assert _bucket(q1, "theme", climate).drifts["activities"] == pytest.approx(0.15)
    assert _bucket(q1, "theme", climate).shares["cost"] == pytest.approx(2500 / 4000)
    assert _bucket(q1, "theme", climate).shares["senior_days"] == pytest.approx(1.0)
    assert _bucket(q1, "place", tallinn).shares["activities"] == pytest.approx(0.5)
    assert _bucket(q1, "place", "country:CN").shares["activities"] == pytest.approx(0.5)
    assert _bucket(q1, "place", tallinn).bucket.target == pytest.approx(3 / 6)
    # Q2: A3 with nothing and the confidential A5 on digitalisation.
    assert _bucket(q2, "theme", digital).shares["activities"] == pytest.approx(0.5)
    assert _bucket(q2, "theme", al.OTHER_THEME).shares["activities"] == pytest.approx(0.5)
    assert _bucket(q2, "place", al.NO_PLACE).shares["activities"] == pytest.approx(1.0)
    assert q3.is_empty and q4.is_empty
    assert _bucket(q3, "theme", climate).shares["activities"] is None


def test_another_units_confidential_activity_does_not_count(plan_world, users):
    found = service.alignment_for(users["editor_a"], plan_world["plan"], 2024, 2024)
    q2 = found.result.quarters[1]
    assert found.activity_count == 3
    assert q2.totals["activities"] == 1
    assert _bucket(q2, "theme", al.OTHER_THEME).shares["activities"] == 1.0


def test_queries_do_not_grow_with_the_register(plan_world, users, units):
    def count():
        with CaptureQueriesContext(connection) as captured:
            service.alignment_for(users["coordinator"], plan_world["plan"], 2024, 2024)
        return len(captured)

    before = count()
    for index in range(30):
        activity = ActivityFactory(unit=units["b"], start_date=datetime.date(2024, 7, 1 + index))
        activity.themes.add(plan_world["climate"])
        activity.cities.add(plan_world["tallinn"])
    assert count() == before


def test_page__tables_chart_data_and_the_rule(client, plan_world, users):
    client.force_login(users["coordinator"])
    response = client.get(
        reverse("register:alignment"),
        {"plan": plan_world["plan"].pk, "first_year": 2024, "last_year": 2024},
        **EN,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="alignment-series"' in page and "alignment.js" in page
    assert "Climate" in page and "Other or no theme" in page
    # Climate: 1.5 of 4 activities in the year (38 %, 22 points under its 60 % target);
    # in Q1 75 %, 15 points over.
    assert "38%" in page and "−22 pp" in page and "+15 pp" in page
    assert "2024-Q3" in page
    assert "high 3, medium 2, watch 1" in page
    assert "<script>" not in page  # strict CSP: no inline script


def test_page__dimension_and_unit_filters(client, plan_world, users, units):
    client.force_login(users["coordinator"])
    url = reverse("register:alignment")
    by_place = client.get(
        url,
        {
            "plan": plan_world["plan"].pk,
            "first_year": 2024,
            "last_year": 2024,
            "dimension": "place",
            "unit": units["b"].pk,
        },
        **EN,
    ).content.decode()
    assert "Central Europe" in by_place and "Place not given" in by_place
    assert "Number of activities</dt><dd>1</dd>" in by_place.replace("\n", "")  # only B's activity


def test_page__bad_years_refused_with_a_message(client, plan_world, users):
    client.force_login(users["viewer"])
    response = client.get(
        reverse("register:alignment"),
        {"plan": plan_world["plan"].pk, "first_year": 2025, "last_year": 2020},
        **EN,
    )
    assert response.status_code == 400
    assert "The last year is before the first year." in response.content.decode()


def test_page__needs_sign_in(client, plan_world):
    assert client.get(reverse("register:alignment")).status_code == 302


def test_report_section__renders_in_html_pdf_and_docx(plan_world, users):
    report = followup.build_report(
        plan_world["plan"],
        users["coordinator"],
        "en",
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )
    section = next(s for s, _data in report.sections if s.key == "register-alignment")
    assert section in registry.sections_for()

    html, pdf, docx = (
        render_html(report),
        pdf_text(render_pdf(report)),
        docx_text(render_docx(report)),
    )

    for text in (html, pdf, docx):
        assert "International activity and alignment with the plan" in text
        assert "Trips approved" in text
        assert "By theme" in text and "Climate" in text
        assert "A5 secret" not in text


def test_report_section__reader_sees_only_their_activity(plan_world, users):
    def figures(user):
        report = followup.build_report(
            plan_world["plan"], user, "en", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
        )
        blocks = next(d for s, d in report.sections if s.key == "register-alignment")
        (block,) = [b for b in blocks if b.kind == "figures"]
        return {label: value[0].text for label, value in block.items}

    assert figures(users["coordinator"])["Number of activities"] == "4"
    assert figures(users["editor_a"])["Number of activities"] == "3"


def test_page__years_left_empty_are_filled_in_with_those_used(client, plan_world, users):
    client.force_login(users["coordinator"])
    page = client.get(
        reverse("register:alignment"), {"plan": plan_world["plan"].pk, "dimension": "place"}, **EN
    ).content.decode()
    first, last = service.default_years(plan_world["plan"])
    assert f'name="first_year" value="{first}"' in page
    assert f'name="last_year" value="{last}"' in page
