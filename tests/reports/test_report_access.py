"""A report never shows more than its reader may see: a confidential measure of division B,
its status update and its indicator stay out of every report produced for someone who may not
see them, in every format, and of the public version."""

import html

import pytest
from django.contrib.auth.models import AnonymousUser

from citydiplomacy.reports import followup
from citydiplomacy.reports.render_docx import render_docx
from citydiplomacy.reports.render_pdf import render_html, render_pdf

from .conftest import (
    PERIOD,
    SECRET,
    SECRET_INDICATOR,
    SECRET_UPDATE,
    block_text,
    docx_text,
    figures,
    pdf_text,
    section_data,
)

pytestmark = pytest.mark.usefixtures("plan_sections_only")


def _reader(users, role):
    return AnonymousUser() if role == "anonymous" else users[role]


def _secrets_in(text: str) -> set[str]:
    return {secret for secret in (SECRET["en"], SECRET_UPDATE, SECRET_INDICATOR) if secret in text}


@pytest.mark.parametrize(
    ("role", "sees_secret"),
    [
        ("anonymous", False),
        ("partner", False),
        ("editor_a", False),
        ("viewer", True),  # a viewer of division B
        ("editor_b", True),
        ("coordinator", True),
    ],
)
def test_html__confidential_measure_only_for_those_who_may_see_it(plan, users, role, sees_secret):
    report = followup.build_report(plan, _reader(users, role), "en", *PERIOD)

    text = html.unescape(render_html(report))

    expected = {SECRET["en"], SECRET_UPDATE, SECRET_INDICATOR} if sees_secret else set()
    assert _secrets_in(text) == expected


@pytest.mark.parametrize("role", ["anonymous", "editor_a"])
def test_pdf_and_docx__confidential_measure_left_out(plan, users, role):
    report = followup.build_report(plan, _reader(users, role), "en", *PERIOD)

    pdf, docx = pdf_text(render_pdf(report)), docx_text(render_docx(report))

    assert _secrets_in(pdf) == set()
    assert _secrets_in(docx) == set()
    assert "Attracting international talent" in pdf  # the report itself is there
    assert "Attracting international talent" in docx


def test_public_version__public_measures_only_and_no_personal_names(plan, users):
    from .factories import StatusUpdateFactory

    measure = plan.measures.get(code="1.1")
    users["editor_a"].first_name, users["editor_a"].last_name = "Eeva", "Esimerkki"
    users["editor_a"].save()
    StatusUpdateFactory(measure=measure, reported_on="2022-01-10", author=users["editor_a"])

    public = followup.build_report(plan, AnonymousUser(), "en", *PERIOD)
    internal = followup.build_report(plan, users["viewer"], "en", *PERIOD)

    assert figures(public)["Measures"] == "1"  # of three: the internal and confidential are out
    assert "Eeva Esimerkki" not in render_html(public)
    assert "Eeva Esimerkki" in render_html(internal)
    assert "Public version" in render_html(public)


def test_summary__counts_only_what_the_reader_sees(plan, users):
    report = followup.build_report(plan, users["editor_a"], "en", *PERIOD)

    assert figures(report) == {
        "Overall progress": "45% At risk",
        "Measures": "2",
        "Measures with an overdue status update": "1",  # 2.1 is new; 1.1 last reported 2021
        "Status updates in the period": "1",
    }
    text = block_text(section_data(report, "plan-summary"))
    assert "2. Climate cooperation with Baltic Sea cities 30% At risk 1" in text
