"""Building the report: its default period, its language checks, the numbers' formats, and a
fixed number of queries whatever the size of the plan."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from citydiplomacy.reports import followup
from citydiplomacy.reports.render_pdf import static_file_path

from .conftest import PERIOD, block_text, section_data
from .factories import IndicatorFactory, IndicatorValueFactory, MeasureFactory, StatusUpdateFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.usefixtures("plan_sections_only")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2021, 5, 17), (date(2020, 1, 1), date(2021, 5, 17))),  # under way: up to today
        (date(2025, 2, 1), (date(2020, 1, 1), date(2023, 12, 31))),  # ended: the whole period
        (date(2019, 6, 1), (date(2020, 1, 1), date(2020, 1, 1))),  # not begun: nothing yet
    ],
)
def test_default_period__plan_period_up_to_today(plan, today, expected):
    assert followup.default_period(plan, today) == expected


def test_build_report__default_period_and_generated_at(plan, users):
    generated = datetime(2022, 3, 1, 12, tzinfo=HELSINKI)

    report = followup.build_report(plan, users["viewer"], "sv", generated_at=generated)

    assert report.context.period_start == date(2020, 1, 1)
    assert report.context.period_end == date(2022, 3, 1)
    assert report.file_name("pdf") == f"follow-up-report-{plan.pk}-sv-2020-01-01-2022-03-01.pdf"


def test_build_report__unknown_language_or_reversed_period_refused(plan, users):
    with pytest.raises(followup.ReportError, match="Unknown language 'de'"):
        followup.build_report(plan, users["viewer"], "de")
    with pytest.raises(followup.ReportError, match="ends"):
        followup.build_report(plan, users["viewer"], "fi", date(2021, 1, 2), date(2021, 1, 1))


def test_build_report__texts_in_the_report_language_not_the_active_one(plan, users):
    with translation.override("fi"):
        report = followup.build_report(plan, users["viewer"], "en", *PERIOD)

    text = block_text(section_data(report, "plan-summary"))
    assert "1. Attracting international talent" in text
    assert "33% Delayed" in text  # the viewer of B sees B's delayed measure


@pytest.mark.parametrize(
    ("language", "percent", "number"),
    [
        ("fi", "42\u00a0%", "1\u00a0234,5"),
        ("sv", "42\u00a0%", "1\u00a0234,5"),
        ("en", "42%", "1,234.5"),
    ],
)
def test_formats__follow_the_language(language, percent, number):
    with translation.override(language):
        assert followup.format_percent(41.6) == percent
        assert followup.format_percent(None) == "–"
        assert followup.format_number(1234.5).replace(" ", "\u00a0") == number
        assert followup.format_number(3.0) == "3"


def _queries(plan, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        followup.build_report(plan, user, "en", *PERIOD)
    return len(queries)


def test_build_report__queries_do_not_grow_with_the_plan(plan, users, units):
    small = _queries(plan, users["coordinator"])
    objectives = list(plan.objectives.all())
    for number in range(20):
        measure = MeasureFactory(
            plan=plan, unit=units["b"], code=f"9.{number}", objectives=objectives[:2]
        )
        StatusUpdateFactory(measure=measure, reported_on=date(2022, 1, 1 + number))
        indicator = IndicatorFactory(plan=plan, measure=measure)
        IndicatorValueFactory(indicator=indicator, year=2021)

    assert _queries(plan, users["coordinator"]) == small


def test_static_file_path__only_static_files():
    assert static_file_path("file:///static/reports/report.css").name == "report.css"
    assert static_file_path("file:///etc/passwd") is None
    assert static_file_path("file:///static/../../etc/passwd") is None
    assert static_file_path("https://example.org/static/reports/missing.css") is None
