"""A small public plan in three languages with measures of every visibility, status updates
and indicators; helpers that read the text back out of the PDF and the DOCX."""

import io
from datetime import date

import docx
import pytest
from pypdf import PdfReader

from citydiplomacy.core.models import Visibility

# Registers the plan's sections (PlanConfig.ready will do this once wired).
from citydiplomacy.plan import report_sections  # noqa: F401
from citydiplomacy.plan.models import MeasureStatus, PlanStatus, ValueKind
from citydiplomacy.reports import registry
from tests.factories import ObjectiveFactory, PlanFactory

from .factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MeasureFactory,
    StatusUpdateFactory,
)

OBJECTIVES = [
    {
        "fi": "Kansainvälisten osaajien houkuttelu",
        "sv": "Att locka internationell kompetens",
        "en": "Attracting international talent",
    },
    {
        "fi": "Ilmastoyhteistyö Itämeren kaupunkien kanssa",
        "sv": "Klimatsamarbete med städerna kring Östersjön",
        "en": "Climate cooperation with Baltic Sea cities",
    },
    {
        "fi": "Helsingin tunnettuuden vahvistaminen",
        "sv": "Att stärka Helsingfors synlighet",
        "en": "Strengthening the visibility of Helsinki",
    },
]
PUBLIC_MEASURE = {
    "fi": "Osaajien rekrytointimessut",
    "sv": "Rekryteringsmässor för talanger",
    "en": "Recruitment fairs for talent",
}
SECRET = {
    "fi": "Salainen neuvottelu Pekingin kanssa",
    "sv": "Hemlig förhandling med Peking",
    "en": "Secret negotiation with Beijing",
}
SECRET_UPDATE = "Luottamuksellinen neuvottelutilanne"
SECRET_INDICATOR = "Salaisten tapaamisten määrä"
PERIOD = (date(2020, 1, 1), date(2023, 12, 31))


@pytest.fixture
def plan_sections_only():
    """The report with the plan's sections alone: other capabilities' sections (decisions,
    benchmarking, …) are tested with their own data; ``test_all_sections`` renders them all."""
    others = [s for s in registry.sections_for() if not s.key.startswith("plan-")]
    for section in others:
        registry.unregister(section.key, section.report)
    yield
    for section in others:
        registry.register(section)


def _translated(field: str, texts: dict) -> dict:
    return {field: texts["fi"], **{f"{field}_{lang}": text for lang, text in texts.items()}}


@pytest.fixture
def plan(units):
    """A public plan of division A (2020–2023) with three objectives, a public and an internal
    measure of A, and a confidential measure of division B with its own update and indicator."""
    plan = PlanFactory(
        unit=units["a"],
        visibility=Visibility.PUBLIC,
        start_year=2020,
        end_year=2023,
        status=PlanStatus.IN_FORCE,
        **_translated(
            "title",
            {
                "fi": "Kansainvälisen toiminnan suunnitelma",
                "sv": "Plan för internationell verksamhet",
                "en": "International activity plan",
            },
        ),
        **_translated(
            "decided_by", {"fi": "Kaupunginhallitus", "sv": "Stadsstyrelsen", "en": "City Board"}
        ),
    )
    objectives = [
        ObjectiveFactory(plan=plan, number=number, **_translated("title", texts))
        for number, texts in enumerate(OBJECTIVES, start=1)
    ]
    public = MeasureFactory(
        plan=plan,
        unit=units["a"],
        code="1.1",
        objectives=[objectives[0]],
        progress=60,
        **_translated("title", PUBLIC_MEASURE),
    )
    MeasureFactory(
        plan=plan,
        unit=units["a"],
        code="2.1",
        objectives=[objectives[1]],
        visibility=Visibility.INTERNAL,
        status=MeasureStatus.AT_RISK,
        progress=30,
    )
    secret = MeasureFactory(
        plan=plan,
        unit=units["b"],
        code="2.2",
        objectives=[objectives[1]],
        visibility=Visibility.CONFIDENTIAL,
        status=MeasureStatus.DELAYED,
        progress=10,
        **_translated("title", SECRET),
    )
    StatusUpdateFactory(measure=public, reported_on=date(2021, 5, 4), text="Rekrytointimessut")
    StatusUpdateFactory(measure=secret, reported_on=date(2021, 6, 1), text=SECRET_UPDATE)
    indicator = IndicatorFactory(plan=plan, objective=objectives[0])
    for year, target, actual in [(2020, 100, 90), (2021, 120, 125), (2022, 140, None)]:
        IndicatorValueFactory(indicator=indicator, year=year, kind=ValueKind.TARGET, value=target)
        if actual is not None:
            IndicatorValueFactory(indicator=indicator, year=year, value=actual)
    hidden = IndicatorFactory(
        plan=plan,
        measure=secret,
        **_translated("name", dict.fromkeys(("fi", "sv", "en"), SECRET_INDICATOR)),
    )
    IndicatorValueFactory(indicator=hidden, year=2021, value=3)
    return plan


def pdf_text(content: bytes) -> str:
    """All text of a PDF, whitespace collapsed (titles may wrap in table cells)."""
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def squashed(text: str) -> str:
    """Text without any whitespace: long titles may break at hyphens when they wrap."""
    return "".join(text.split())


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def docx_text(content: bytes) -> str:
    """All paragraph and table text of a DOCX, whitespace collapsed."""
    document = open_docx(content)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def section_data(report, key: str):
    return next(data for section, data in report.sections if section.key == key)


def block_text(blocks) -> str:
    """The text of report blocks, as a reader would read it."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append(block.text)
        elif block.kind == "paragraph":
            parts += _runs_text(block.runs)
        elif block.kind == "figures":
            for label, value in block.items:
                parts += [label, *_runs_text(value)]
        elif block.kind == "table":
            for row in (block.headers, *block.rows):
                parts += [text for value in row for text in _runs_text(value)]
    return " ".join(" ".join(parts).split())


def _runs_text(runs) -> list[str]:
    return [run.text for run in runs if run.kind == "text"]


def figures(report) -> dict[str, str]:
    """The summary's key figures, label → value."""
    (block,) = [b for b in section_data(report, "plan-summary") if b.kind == "figures"]
    return {label: " ".join("".join(_runs_text(value)).split()) for label, value in block.items}
