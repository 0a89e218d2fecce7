"""The spreadsheet format itself, without a database: any table written to CSV or XLSX reads
back equal, and garbage is reported cell by cell, never read as data."""

import csv as csv_module
import datetime
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citydiplomacy.register.spreadsheet import columns, writing
from citydiplomacy.register.spreadsheet.reading import (
    CSV,
    NotASpreadsheet,
    detect_format,
    read_rows,
    read_sheet,
)

CHOICES = {
    "kind": ("trip", "visit", "event", "project"),
    "status": ("planned", "confirmed", "done", "cancelled"),
    "delegation_level": ("elected", "director", "expert", "other"),
    "visibility": ("public", "internal", "confidential"),
}
# Text as people type it: any printable character (XLSX cannot hold control characters).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    max_size=40,
)
line_text = st.lists(text, max_size=3).map("\n".join)
code = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
item = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), blacklist_characters=";"
    ),
    min_size=1,
    max_size=20,
)
items = st.lists(item, max_size=4, unique=True).map(tuple)
money = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2, allow_nan=False),
)
dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def activity_rows(draw):
    start = draw(dates)
    everyone = draw(st.integers(min_value=0, max_value=500))
    return {
        "id": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=10**9))),
        "version": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=1000))),
        "kind": draw(st.sampled_from(CHOICES["kind"])),
        "title": draw(text.filter(lambda t: t.strip())),
        "description": draw(line_text),
        "status": draw(st.sampled_from(CHOICES["status"])),
        "start_date": start,
        "end_date": start + datetime.timedelta(days=draw(st.integers(0, 400))),
        "unit": draw(code),
        "units": draw(st.lists(code, max_size=3, unique=True).map(tuple)),
        "external_actors": draw(st.lists(code, max_size=2, unique=True).map(tuple)),
        "countries": draw(
            st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), max_size=3, unique=True).map(tuple)
        ),
        "cities": draw(items),
        "partners": draw(items),
        "objectives": draw(items),
        "measures": draw(items),
        "themes": draw(items),
        "delegation_level": draw(st.sampled_from(CHOICES["delegation_level"])),
        "participant_count": everyone,
        "senior_participant_count": draw(st.integers(min_value=0, max_value=everyone)),
        "participants": draw(line_text),
        "budget": draw(money),
        "actual_cost": draw(money),
        "outcomes": draw(line_text),
        "visibility": draw(st.sampled_from(CHOICES["visibility"])),
    }


def _normal(row: dict) -> dict:
    """A generated row as the reader gives it back: lists with their items' outer spaces and
    inner runs of spaces folded."""
    out = dict(row)
    for name in columns.LIST_COLUMNS:
        out[name] = tuple(" ".join(i.split()) for i in row[name])
    return out


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(activity_rows(), min_size=1, max_size=5))
def test_any_table_written_to_csv_reads_back_equal(rows):
    sheet = read_sheet(writing.csv_bytes(rows), CHOICES)
    assert sheet.format == CSV
    assert sheet.problems == []
    assert [row.values for row in sheet.rows] == [_normal(row) for row in rows]
    assert [row.number for row in sheet.rows] == list(range(2, len(rows) + 2))


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(activity_rows(), min_size=1, max_size=4))
def test_any_table_written_to_xlsx_reads_back_equal(rows):
    sheet = read_sheet(writing.xlsx_bytes(rows), CHOICES)
    assert sheet.format == "xlsx"
    assert sheet.problems == []
    assert [row.values for row in sheet.rows] == [_normal(row) for row in rows]


@settings(max_examples=200)
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_or_reported_never_read_as_rows(data):
    try:
        sheet = read_sheet(data, CHOICES)
    except NotASpreadsheet:
        return
    # Whatever was read as a table either fails the header or has no valid data rows.
    assert sheet.problems or not sheet.rows


@settings(max_examples=100)
@given(activity_rows(), st.sampled_from(columns.NAMES), text.filter(lambda t: len(t) < 13))
def test_a_garbled_cell_is_reported_at_its_row_and_column_or_read_as_that_value(row, name, junk):
    header = list(columns.NAMES)
    lines = list(writing.csv_lines([row], bom=False))
    values = next(csv_module.reader(io.StringIO(lines[1])))
    values[header.index(name)] = junk
    buffer = io.StringIO()
    csv_module.writer(buffer).writerows([header, values])
    sheet = read_sheet(buffer.getvalue().encode(), CHOICES)
    for problem in sheet.problems:
        assert problem.row == 2
        assert problem.column in (name, "end_date", "senior_participant_count")


def test_header_problems_name_the_column_and_stop_the_reading():
    header = [n for n in columns.NAMES if n != "title"] + ["titel", "kind"]
    sheet = read_rows(CSV, iter([header, ["1"] * len(header)]), CHOICES)
    assert sheet.rows == []
    found = {(p.row, p.column, p.code) for p in sheet.problems}
    assert (1, "titel", "unknown_column") in found
    assert (1, "kind", "duplicate_column") in found
    assert (1, "title", "missing_column") in found


def test_the_version_column_may_be_left_out():
    header = [n for n in columns.NAMES if n != "version"]
    sheet = read_rows(CSV, iter([header]), CHOICES)
    assert sheet.problems == []


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("start_date", "31.2.2026", "bad_date"),
        ("start_date", "tomorrow", "bad_date"),
        ("kind", "holiday", "bad_choice"),
        ("budget", "12,345.678", "not_number"),
        ("budget", "10.001", "too_many_decimals"),
        ("budget", "-5", "money_range"),
        ("participant_count", "many", "not_integer"),
        ("id", "0", "out_of_range"),
        ("title", "", "required"),
        ("title", "x" * 301, "too_long"),
    ],
)
def test_bad_cells_are_reported_with_row_column_and_letter(name, value, code):
    row = dict.fromkeys(columns.NAMES, "") | {
        "kind": "trip",
        "title": "Trip",
        "start_date": "2026-01-01",
        "end_date": "2026-01-02",
        "unit": "a",
    }
    row[name] = value
    sheet = read_rows(CSV, iter([list(columns.NAMES), [row[n] for n in columns.NAMES]]), CHOICES)
    assert [(p.row, p.column, p.code) for p in sheet.problems] == [(2, name, code)]
    assert sheet.problems[0].letter == columns.column_letter(columns.NAMES.index(name))


def test_an_end_before_the_start_is_reported_on_the_end_date():
    row = dict.fromkeys(columns.NAMES, "") | {
        "kind": "trip",
        "title": "Trip",
        "start_date": "2026-01-05",
        "end_date": "1.1.2026",
        "unit": "a",
    }
    sheet = read_rows(CSV, iter([list(columns.NAMES), [row[n] for n in columns.NAMES]]), CHOICES)
    assert [(p.row, p.column, p.code) for p in sheet.problems] == [
        (2, "end_date", "end_before_start")
    ]


def test_finnish_spreadsheets_semicolons_and_decimal_commas_are_read():
    header = ";".join(columns.NAMES)
    row = dict.fromkeys(columns.NAMES, "") | {
        "kind": "trip",
        "title": "Matka",
        "start_date": "1.3.2026",
        "end_date": "2.3.2026",
        "unit": "a",
        "budget": "1 500,50",
    }
    data = (header + "\r\n" + ";".join(row[n] for n in columns.NAMES) + "\r\n").encode("cp1252")
    sheet = read_sheet(data, CHOICES)
    assert sheet.problems == []
    assert sheet.rows[0].values["budget"] == Decimal("1500.50")
    assert sheet.rows[0].values["start_date"] == datetime.date(2026, 3, 1)


def test_formula_like_text_is_protected_in_csv_and_stored_as_text_in_xlsx():
    import openpyxl

    row = dict.fromkeys(columns.NAMES) | {
        "kind": "trip",
        "title": '=HYPERLINK("http://example.invalid")',
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2026, 1, 1),
        "unit": "a",
        "units": (),
    }
    for name in columns.LIST_COLUMNS:
        row[name] = ()
    assert "'=HYPERLINK" in writing.csv_bytes([row]).decode()
    workbook = openpyxl.load_workbook(io.BytesIO(writing.xlsx_bytes([row])))
    cell = workbook.worksheets[0].cell(row=2, column=columns.NAMES.index("title") + 1)
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("head", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "old_excel"),
        (b"%PDF-1.7\n", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_files_that_are_not_spreadsheets_are_recognised_by_content(head, code):
    with pytest.raises(NotASpreadsheet) as refused:
        detect_format(head)
    assert refused.value.code == code
