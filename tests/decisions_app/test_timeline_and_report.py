"""A confirmed decision shows on its plan item's timeline, on the plan's page and in the
"Decisions" section of the follow-up report; a suggestion does not."""

import io
from datetime import date

import docx
import pytest
from django.template import Context, Template
from django.test import RequestFactory

from citydiplomacy.decisions import services
from citydiplomacy.plan import timeline
from citydiplomacy.reports import followup, registry
from citydiplomacy.reports.render_docx import render_docx
from citydiplomacy.reports.render_pdf import render_html
from tests.factories import MeasureFactory

from .conftest import SEED

pytestmark = pytest.mark.urls("tests.decisions_app.urls")


@pytest.fixture
def seed(office, seed_plan):
    return services.import_files([SEED]).decisions[0]


def _decision_entries(item, user):
    return [e for e in timeline.entries_for(item, user) if e.kind == "decision"]


def test_confirming_puts_the_decision_on_the_measures_timeline(seed, seed_plan, users):
    measure = MeasureFactory(
        plan=seed_plan, title="Sijoittajapalvelu", title_fi="Sijoittajapalvelu"
    )
    assert _decision_entries(measure, users["viewer"]) == []

    services.link_to(seed, measure, users["coordinator"])

    (entry,) = _decision_entries(measure, users["viewer"])
    assert entry.when == date(2017, 11, 13)
    assert entry.title == "§ 11 Kaupungin kansainvälisen toiminnan suunnitelma"
    assert entry.actor == "Kaupunginhallituksen elinkeinojaosto"
    assert entry.url == f"/decisions/{seed.pk}/"
    assert entry.text.startswith("Kaupunginhallituksen elinkeinojaosto päätti merkitä tiedoksi")


def test_confirming_puts_the_decision_on_the_plans_and_objectives_timeline(seed, seed_plan, users):
    plan_link = seed.links.get(plan=seed_plan)
    objective_link = seed.links.get(objective__number=1)
    assert _decision_entries(seed_plan, None) == []  # suggested only

    services.confirm_link(plan_link, users["coordinator"])
    services.confirm_link(objective_link, users["coordinator"])

    assert len(_decision_entries(seed_plan, None)) == 1
    assert len(_decision_entries(objective_link.objective, None)) == 1
    services.reject_link(plan_link, users["coordinator"])
    assert _decision_entries(seed_plan, None) == []


def _plan_fragment(plan, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load decisions %}{% plan_decisions plan %}")
    return template.render(Context({"plan": plan, "request": request}))


def test_plan_page_fragment_lists_confirmed_decisions(seed, seed_plan, users):
    """Read in English: the product's default language is Finnish."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    with translation.override("en"):
        assert "No decisions have been linked to the plan yet." in _plan_fragment(
            seed_plan, AnonymousUser()
        )
        services.confirm_link(seed.links.get(plan=seed_plan), users["coordinator"])
        services.confirm_link(seed.links.get(objective__number=2), users["coordinator"])

        html = _plan_fragment(seed_plan, AnonymousUser())
        assert f'href="/decisions/{seed.pk}/"' in html
        assert "§ 11 Kaupungin kansainvälisen toiminnan suunnitelma" in html
        assert "the plan; " in html and "2. Internationalisation of companies" in html


def test_report_section__decisions_of_the_period_and_before(seed, seed_plan, users):
    services.confirm_link(seed.links.get(plan=seed_plan), users["coordinator"])
    deadline = seed.follow_ups.get(found_date=date(2017, 12, 31))
    services.confirm_follow_up(deadline, users["coordinator"])

    report = followup.build_report(
        seed_plan, users["viewer"], "en", date(2018, 1, 1), date(2021, 12, 31)
    )
    data = next(d for s, d in report.sections if s.key == "decisions")

    assert [group.heading for group in data] == [
        "Decisions in the period",
        "Earlier decisions that led to the plan",
    ]
    assert data[0].lines == []
    (line,) = data[1].lines
    assert (line.heading, line.diary_number, line.linked_to) == (
        "§ 11",
        "HEL 2017-010458",
        ["The plan"],
    )
    assert line.decision_type == "Noted"
    assert line.follow_ups == ["12/31/2017 (confirmed)"]
    html = render_html(report)
    assert "<td>12/31/2017 (confirmed)</td>" in html
    assert "<strong>Kaupungin kansainvälisen toiminnan suunnitelma</strong>" in html
    document = docx.Document(io.BytesIO(render_docx(report)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Kaupungin kansainvälisen toiminnan suunnitelma" in text for text in cells)
    assert "12/31/2017 (confirmed)" in cells


def test_report_section__a_decision_after_the_period_is_left_out(seed, seed_plan, users):
    services.confirm_link(seed.links.get(plan=seed_plan), users["coordinator"])
    report = followup.build_report(
        seed_plan, users["viewer"], "fi", date(2016, 1, 1), date(2016, 12, 31)
    )
    data = next(d for s, d in report.sections if s.key == "decisions")
    assert [len(group.lines) for group in data] == [0]


def test_the_section_is_registered_for_the_follow_up_report():
    keys = [section.key for section in registry.sections_for(registry.FOLLOW_UP)]
    assert "decisions" in keys
