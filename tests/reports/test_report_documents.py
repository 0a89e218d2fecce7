"""The follow-up report as PDF and DOCX: every objective in the requested language, charts,
the deciding body on the cover, and the period's updates."""

import io

import pytest
from pypdf import PdfReader

from citydiplomacy.plan import report_sections
from citydiplomacy.reports import followup
from citydiplomacy.reports.render_docx import render_docx
from citydiplomacy.reports.render_pdf import render_html, render_pdf

from .conftest import (
    OBJECTIVES,
    PERIOD,
    SECRET_UPDATE,
    block_text,
    docx_text,
    open_docx,
    pdf_text,
    section_data,
)
from .factories import StatusUpdateFactory

pytestmark = pytest.mark.usefixtures("plan_sections_only")
PLAN_SECTIONS = ["plan-summary", "plan-measures", "plan-indicators", "plan-updates"]
# Objectives' progress and measures by status; the indicators' legend and years; two indicators.
CHARTS_FOR_THE_COORDINATOR = 6


def _report(plan, user, language):
    return followup.build_report(plan, user, language, *PERIOD)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pdf__contains_every_objective_title_in_the_language(plan, users, language):
    text = pdf_text(render_pdf(_report(plan, users["coordinator"], language)))

    for titles in OBJECTIVES:
        assert titles[language] in text
    other = "en" if language != "en" else "fi"
    assert OBJECTIVES[0][other] not in text


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_docx__opens_with_objective_titles_and_charts(plan, users, language):
    content = render_docx(_report(plan, users["coordinator"], language))

    document = open_docx(content)
    text = docx_text(content)
    for titles in OBJECTIVES:
        assert titles[language] in text
    assert len(document.inline_shapes) == CHARTS_FOR_THE_COORDINATOR
    assert document.core_properties.language.startswith(language)
    assert getattr(plan, f"title_{language}") in document.core_properties.title


def test_pdf__cover_names_deciding_body_and_period(plan, users):
    text = pdf_text(render_pdf(_report(plan, users["coordinator"], "sv")))

    assert "Stadsstyrelsen" in text
    assert "2020-01-01–2023-12-31" in text  # Swedish short dates
    assert "Hemlig förhandling med Peking" in text  # the coordinator sees every measure


def test_html__sections_in_registry_order_with_contents_and_charts(plan, users):
    html = render_html(_report(plan, users["coordinator"], "en"))

    anchors = [html.index(f'id="section-{key}"') for key in PLAN_SECTIONS]
    assert anchors == sorted(anchors)
    assert html.count('href="#section-') == 4
    assert html.count('role="img"') == CHARTS_FOR_THE_COORDINATOR


def test_summary__progress_status_light_and_counts(plan, users):
    text = block_text(section_data(_report(plan, users["coordinator"], "en"), "plan-summary"))

    # Objective 1: one measure on track at 60 %; objective 2: 30 % and 10 %, one delayed.
    assert "1. Attracting international talent 60% On track 1" in text
    assert "2. Climate cooperation with Baltic Sea cities 20% Delayed 2" in text
    assert "3. Strengthening the visibility of Helsinki – No measures 0" in text


def test_measures__each_once_with_its_other_objectives(plan, users):
    measure = plan.measures.get(code="1.1")
    measure.objectives.add(plan.objectives.get(number=3))

    text = block_text(section_data(_report(plan, users["coordinator"], "en"), "plan-measures"))

    assert text.count("Recruitment fairs for talent") == 1
    assert "1.1 Recruitment fairs for talent" in text
    assert text.endswith(
        "3. Strengthening the visibility of Helsinki "
        "Measures listed under another of their objectives: 1.1"
    )


def test_indicators__latest_actual_against_target(plan, users):
    text = block_text(section_data(_report(plan, users["coordinator"], "en"), "plan-indicators"))

    # 2021 is the latest year with an actual value: 125 against a target of 120.
    assert "2021: 125 (Target 120) Target met" in text
    assert "Objective 1 · Higher is better · Baseline 10 (2017)" in text


def test_updates__only_the_period_newest_first_capped_per_measure(plan, users):
    measure = plan.measures.get(code="1.1")
    for day in range(1, 8):
        StatusUpdateFactory(measure=measure, reported_on=f"2022-02-{day:02d}", text=f"Päivä {day}")
    StatusUpdateFactory(measure=measure, reported_on="2019-12-31", text="Ennen kautta")

    text = block_text(section_data(_report(plan, users["coordinator"], "en"), "plan-updates"))

    days = [text.index(f"Päivä {day}") for day in (7, 6, 5, 4, 3)]
    assert days == sorted(days)  # newest first, five of the measure's eight
    assert "Päivä 2" not in text
    assert "3 earlier updates in the period are not shown." in text
    assert "Ennen kautta" not in text


def test_updates__a_large_plan_shows_those_most_in_need_of_attention(plan, users, monkeypatch):
    monkeypatch.setattr(report_sections, "UPDATES_SHOWN", 2)
    StatusUpdateFactory(
        measure=plan.measures.get(code="1.1"), reported_on="2022-02-01", text="Uusin"
    )
    StatusUpdateFactory(
        measure=plan.measures.get(code="2.1"),
        reported_on="2021-09-01",
        status="delayed",
        text="Viivästyy",
    )

    text = block_text(section_data(_report(plan, users["coordinator"], "en"), "plan-updates"))

    # Three measures have updates; two can be shown, one each: the delayed one comes first,
    # then by code; each measure's newest update.
    assert "Viivästyy" in text
    assert "Uusin" in text
    assert "Rekrytointimessut" not in text
    assert "1 earlier update in the period is not shown." in text
    assert SECRET_UPDATE not in text
    assert text.endswith("The updates of 1 other measure are not shown.")


def test_pdf__styled_without_collectstatic_in_production_storage(plan, users, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # nothing collected, no manifest
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    reader = PdfReader(io.BytesIO(render_pdf(_report(plan, users["coordinator"], "en"))))

    # The print stylesheet applied: the cover alone on page 1, the contents on page 2.
    assert "Contents" not in reader.pages[0].extract_text()
    assert reader.pages[1].extract_text().startswith("Contents")
