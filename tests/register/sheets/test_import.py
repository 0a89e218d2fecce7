"""Import: a dry run first, then all or nothing; every bad input named by row and column."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from citydiplomacy.register.models import (
    Activity,
    ActivityImport,
    ImportState,
    PartnerOrganisation,
)
from tests.factories import ActivityFactory

from .helpers import csv_table, export, problems, run, table_to_csv, upload

pytestmark = pytest.mark.django_db


def _snapshot():
    """Everything an import could change, to prove that nothing was written."""
    return (
        sorted(Activity.objects.values_list("id", "version", "title", "start_date", "unit_id")),
        PartnerOrganisation.objects.count(),
        sorted(Activity.countries.through.objects.values_list("activity_id", "country_id")),
    )


def _new_row(**values) -> dict:
    row = {
        "id": "",
        "kind": "trip",
        "title": "Matka Tukholmaan",
        "start_date": "2026-05-04",
        "end_date": "2026-05-05",
        "unit": "division-a",
        "countries": "SE",
    }
    return row | values


def _sheet(client, **params) -> list[dict]:
    return csv_table(export(client, "csv", **params))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("who", ["coordinator", "editor_a", "editor_b"])
def test_an_unchanged_export_reimports_with_zero_changes(client, users, register, fmt, who):
    client.force_login(users[who])
    data = export(client, fmt)
    before = _snapshot()
    activity_import, response = upload(client, data, name=f"register.{fmt}")
    assert response.status_code == 302
    assert activity_import.state == ImportState.CHECKED, activity_import.errors
    assert (activity_import.to_create, activity_import.to_update) == (0, 0)
    assert activity_import.unchanged == activity_import.rows > 0
    assert not activity_import.can_run
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "every row is as stored" in page.content.decode()
    assert _snapshot() == before


def test_the_dry_run_shows_changes_field_by_field_and_the_import_writes_them(
    client, users, register
):
    client.force_login(users["editor_a"])
    rows = _sheet(client)
    full = next(row for row in rows if int(row["id"]) == register["full"].pk)
    full["title"] = "Vierailu Tallinnaan (siirretty)"
    full["start_date"], full["end_date"] = "20.4.2026", "21.4.2026"
    full["countries"] = "EE"
    full["partners"] = "Eurocities; Uusi kumppani ry (EE)"
    full["budget"] = "2000"
    rows.append(_new_row(title="Uusi matka Malmöön"))
    before = _snapshot()
    activity_import, response = upload(client, table_to_csv(rows))
    assert activity_import.state == ImportState.CHECKED, activity_import.errors
    assert (activity_import.to_create, activity_import.to_update) == (1, 1)
    assert activity_import.new_partners == ["Uusi kumppani ry (EE)"]
    change = activity_import.changes[0]
    assert change["id"] == register["full"].pk
    fields = {field["column"]: (field["old"], field["new"]) for field in change["fields"]}
    assert fields["countries"] == ("EE; FI", "EE")
    assert fields["start_date"] == ("2026-04-14", "2026-04-20")
    assert fields["budget"] == ("1234.50", "2000.00")
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Uusi kumppani ry (EE)" in page and "Nothing has been written yet" in page
    assert _snapshot() == before  # the dry run wrote nothing

    activity_import = run(client, activity_import)
    assert activity_import.state == ImportState.DONE
    full = Activity.objects.get(pk=register["full"].pk)
    assert full.title == "Vierailu Tallinnaan (siirretty)"
    assert full.start_date == datetime.date(2026, 4, 20)
    assert full.budget == Decimal("2000.00")
    assert full.version == register["full"].version + 1
    assert list(full.countries.values_list("code", flat=True)) == ["EE"]
    assert sorted(full.partners.values_list("name", flat=True)) == [
        "Eurocities",
        "Uusi kumppani ry",
    ]
    assert full.history.first().history_change_reason.startswith("import")
    created = Activity.objects.get(title="Uusi matka Malmöön")
    assert created.unit.code == "division-a" and created.created_by == users["editor_a"]
    assert list(created.countries.values_list("code", flat=True)) == ["SE"]
    entry = created.history.get()
    assert (entry.history_type, entry.history_user) == ("+", users["editor_a"])
    # And the register now round-trips again.
    activity_import, _ = upload(client, export(client, "xlsx"), name="again.xlsx")
    assert (activity_import.to_create, activity_import.to_update) == (0, 0)


BAD_CASES = [
    ("bad date", {"start_date": "31.2.2026"}, "start_date", "bad_date"),
    ("unknown unit", {"unit": "no-such-unit"}, "unit", "unknown_unit"),
    ("unknown country", {"countries": "SE; XX"}, "countries", "unknown_country"),
    ("end before start", {"end_date": "2026-05-01"}, "end_date", "end_before_start"),
    ("wrong kind", {"kind": "holiday"}, "kind", "bad_choice"),
    ("wrong status", {"status": "maybe"}, "status", "bad_choice"),
    ("not a number", {"budget": "paljon"}, "budget", "not_number"),
    ("unknown theme", {"themes": "sdg:99"}, "themes", "unknown_theme"),
    ("unknown city", {"cities": "Atlantis, SE"}, "cities", "unknown_city"),
    ("external actor as unit", {"units": "partner-city"}, "units", "external_actor"),
]


@pytest.mark.parametrize(
    ("case", "values", "column", "code"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_row_names_its_row_and_column_and_nothing_is_written(
    client, users, register, case, values, column, code, fmt
):
    client.force_login(users["coordinator"])
    rows = [_new_row(title=f"Rivi {n}") for n in range(4)]
    rows[2] |= values
    header = list(csv_table(export(client))[0])
    data = table_to_csv(rows, header)
    if fmt == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(name) or None for name in header])
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    before = _snapshot()
    activity_import, _ = upload(client, data, name=f"bad.{fmt}")
    assert activity_import.state == ImportState.INVALID
    assert problems(activity_import) == {(4, column, code)}
    page = client.get(
        reverse("register:import-detail", args=[activity_import.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Nothing has been written" in page and f"<code>{column}</code>" in page
    assert "Import</span></button>" not in page
    assert _snapshot() == before


def test_the_report_is_in_the_readers_language(client, users, register):
    client.force_login(users["coordinator"])
    header = list(csv_table(export(client))[0])
    activity_import, _ = upload(client, table_to_csv([_new_row(start_date="huomenna")], header))
    page = client.get(
        reverse("register:import-detail", args=[activity_import.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    assert '<html lang="fi">' in page and "huomenna" in page and "ei ole päivämäärä" in page


@pytest.mark.parametrize(
    ("header_change", "column", "code"),
    [
        (lambda h: [("titel" if n == "title" else n) for n in h], "titel", "unknown_column"),
        (lambda h: [n for n in h if n != "start_date"], "start_date", "missing_column"),
        (lambda h: [*h, "kind"], "kind", "duplicate_column"),
    ],
    ids=["wrong", "missing", "duplicated"],
)
def test_a_wrong_header_is_reported_on_row_1(client, users, register, header_change, column, code):
    client.force_login(users["coordinator"])
    rows = _sheet(client)
    header = header_change(list(rows[0]))
    before = _snapshot()
    activity_import, _ = upload(client, table_to_csv(rows, header))
    assert activity_import.state == ImportState.INVALID
    assert (1, column, code) in problems(activity_import)
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        ("minutes.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("archive.xlsx", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_is_refused_with_a_clear_message(
    client, users, register, name, data
):
    client.force_login(users["coordinator"])
    before = _snapshot()
    activity_import, response = upload(client, data, name=name)
    assert response.status_code == 400
    assert activity_import is None
    text = response.content.decode()
    assert "not a spreadsheet" in text or "XLSX" in text or "xlsx" in text
    assert _snapshot() == before


class _Body:
    """A multipart body of ``size`` bytes produced as it is read, counting what was read."""

    def __init__(self, size: int, boundary: str):
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.size, self.read_bytes = size, 0

    def read(self, n=-1):
        if n is None or n < 0:
            n = self.size - self.read_bytes
        n = min(n, self.size - self.read_bytes)
        start, self.read_bytes = self.read_bytes, self.read_bytes + n
        chunk = (self.head + b"id,title\r\n")[start : start + n]
        return chunk + b"x" * (n - len(chunk))

    def readline(self, *args):
        return self.read(*args)


def test_a_200_mb_upload_is_refused_before_it_is_read(client, users, register):
    client.force_login(users["coordinator"])
    size = 200 * 1024 * 1024
    body = _Body(size, "XyZ")
    before = _snapshot()
    response = client.post(
        reverse("register:import"),
        HTTP_ACCEPT_LANGUAGE="en",
        CONTENT_TYPE="multipart/form-data; boundary=XyZ",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "larger than 50 MB" in response.content.decode()
    assert body.read_bytes < 1024 * 1024
    assert _snapshot() == before


def test_an_upload_just_over_the_limit_is_stopped_while_it_is_read(
    client, users, register, settings
):
    settings.REGISTER_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(users["coordinator"])
    size = 1024 * 1024 + 32 * 1024  # within the room allowed for the form around the file
    body = _Body(size, "XyZ")
    response = client.post(
        reverse("register:import"),
        HTTP_ACCEPT_LANGUAGE="en",
        CONTENT_TYPE="multipart/form-data; boundary=XyZ",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "larger than 1 MB" in response.content.decode()
    assert not ActivityImport.objects.exists()


def test_the_size_limit_is_a_setting(client, users, register, settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 1024
    client.force_login(users["coordinator"])
    data = export(client, "csv") + b"\r\n" * 600
    activity_import, response = upload(client, data)
    assert response.status_code in (400, 413)
    assert activity_import is None


def test_an_editor_cannot_change_another_units_activity_or_create_for_it(client, users, register):
    client.force_login(users["editor_b"])
    rows = _sheet(client)
    full = next(row for row in rows if int(row["id"]) == register["full"].pk)
    full["title"] = "Kaapattu"
    rows.append(_new_row(unit="division-a"))
    before = _snapshot()
    activity_import, _ = upload(client, table_to_csv(rows))
    assert activity_import.state == ImportState.INVALID
    row_of_full = rows.index(full) + 2
    assert problems(activity_import) == {
        (row_of_full, "id", "not_editable"),
        (len(rows) + 1, "unit", "unit_not_allowed"),
    }
    assert _snapshot() == before


def test_a_hidden_activitys_id_is_no_such_activity(client, users, register):
    client.force_login(users["editor_b"])
    rows = _sheet(client)
    rows.append(rows[0] | {"id": str(register["secret"].pk), "title": "Arvattu"})
    activity_import, _ = upload(client, table_to_csv(rows))
    assert problems(activity_import) == {(len(rows) + 1, "id", "no_such_activity")}


def test_a_row_changed_by_someone_else_since_the_export_is_refused(client, users, register):
    client.force_login(users["coordinator"])
    rows = _sheet(client)
    full = register["full"]
    Activity.objects.filter(pk=full.pk).update(version=full.version + 1, title="Muutettu välillä")
    row = next(row for row in rows if int(row["id"]) == full.pk)
    row["description"] = "Oma muutos"
    activity_import, _ = upload(client, table_to_csv(rows))
    assert problems(activity_import) == {(rows.index(row) + 2, "version", "stale_version")}


def test_one_bad_row_in_the_middle_of_many_writes_nothing(client, users, register):
    client.force_login(users["coordinator"])
    header = list(csv_table(export(client))[0])
    rows = [_new_row(title=f"Tapahtuma {n}", kind="event") for n in range(300)]
    rows[150]["start_date"] = "2026-13-01"
    before = _snapshot()
    activity_import, _ = upload(client, table_to_csv(rows, header))
    assert activity_import.state == ImportState.INVALID
    assert problems(activity_import) == {(152, "start_date", "bad_date")}
    assert _snapshot() == before


def test_an_import_that_becomes_invalid_before_it_runs_fails_and_writes_nothing(
    client, users, units, register
):
    client.force_login(users["coordinator"])
    header = list(csv_table(export(client))[0])
    rows = [_new_row(title="Uusi", unit="division-b"), _new_row(title="Toinen")]
    activity_import, _ = upload(client, table_to_csv(rows, header))
    assert activity_import.state == ImportState.CHECKED
    units["b"].code = "renamed-b"
    units["b"].save()
    before = _snapshot()
    activity_import = run(client, activity_import)
    assert activity_import.state == ImportState.FAILED
    assert problems(activity_import) == {(2, "unit", "unknown_unit")}
    assert _snapshot() == before


def test_only_the_uploader_runs_an_import_and_others_do_not_see_it(client, users, register):
    client.force_login(users["editor_a"])
    header = list(csv_table(export(client))[0])
    activity_import, _ = upload(client, table_to_csv([_new_row()], header))
    client.force_login(users["editor_b"])
    url = reverse("register:import-detail", args=[activity_import.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(users["coordinator"])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403
    activity_import.refresh_from_db()
    assert activity_import.state == ImportState.CHECKED


@pytest.mark.parametrize("who", ["viewer", "partner"])
def test_roles_that_cannot_create_cannot_import(client, users, who):
    client.force_login(users[who])
    assert client.get(reverse("register:import")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("register:import"))
    assert response.status_code == 302 and "login" in response.url


def test_the_upload_page_lists_the_columns_in_the_users_language(client, users):
    client.force_login(users["editor_a"])
    page = client.get(reverse("register:import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<code>start_date</code>" in page and "Check the file" in page


def test_many_rows_import_with_their_relations(client, users, units, register):
    client.force_login(users["coordinator"])
    header = list(csv_table(export(client))[0])
    rows = [
        _new_row(title=f"Massa {n}", countries="SE; FI", units="division-b", unit="department-a")
        for n in range(120)
    ]
    activity_import, _ = upload(client, table_to_csv(rows, header))
    activity_import = run(client, activity_import)
    assert activity_import.state == ImportState.DONE
    assert activity_import.to_create == 120
    created = Activity.objects.filter(title__startswith="Massa ")
    assert created.count() == 120
    assert Activity.countries.through.objects.filter(activity__in=created).count() == 240
    assert ActivityFactory  # the factory module stays importable for the bench
