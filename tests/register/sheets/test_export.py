"""Export: exactly what the user may see, narrowed by the list's filter, in CSV and XLSX."""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory

from .helpers import csv_table, export, xlsx_table

pytestmark = pytest.mark.django_db


def test_csv_export_has_the_bom_the_header_and_every_value_of_an_activity(client, users, register):
    client.force_login(users["coordinator"])
    data = export(client, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = {int(row["id"]): row for row in csv_table(data)}
    full = rows[register["full"].pk]
    assert full["title"] == "Vierailu Tallinnaan – Åbo & Kööpenhamina"
    assert full["description"] == "Rivi 1\nRivi 2 ”lainaus”, pilkku; puolipiste"
    assert full["unit"] == "division-a"
    assert full["units"] == "department-a; division-b"
    assert full["external_actors"] == "partner-city"
    assert full["countries"] == "EE; FI"
    assert full["partners"] == "Eurocities; Tallinna linn – Linnavalitsus (EE)"
    assert full["objectives"].endswith(":3")
    assert full["themes"].startswith("sdg:")
    assert full["budget"] == "1234.50"
    assert full["outcomes"] == "'=SUM(A1) ei kaava"  # never a formula in a spreadsheet program
    assert full["start_date"] == "2026-04-14"
    empty = rows[register["empty"].pk]
    assert empty["budget"] == "" and empty["partners"] == ""


def test_xlsx_export_holds_the_same_rows(client, users, register):
    client.force_login(users["coordinator"])
    rows = xlsx_table(export(client, "xlsx"))
    assert {row["id"] for row in rows} == {a.pk for a in register.values()}
    full = next(row for row in rows if row["id"] == register["full"].pk)
    assert full["title"] == "Vierailu Tallinnaan – Åbo & Kööpenhamina"
    assert full["outcomes"] == "=SUM(A1) ei kaava"


@pytest.mark.parametrize("who", ["editor_b", "viewer", "partner", None])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_another_units_confidential_activity_is_never_exported(client, users, register, who, fmt):
    if who:
        client.force_login(users[who])
    data = export(client, fmt)
    rows = csv_table(data) if fmt == "csv" else xlsx_table(data)
    ids = {int(row["id"]) for row in rows}
    assert register["secret"].pk not in ids
    assert "Salainen" not in str(rows)
    if who in (None, "partner"):
        assert ids == {register["public"].pk}


def test_the_owning_units_editor_exports_its_confidential_activity(client, users, register):
    client.force_login(users["editor_a"])
    ids = {int(row["id"]) for row in csv_table(export(client))}
    assert register["secret"].pk in ids


def test_the_filter_narrows_the_export(client, users, register):
    client.force_login(users["coordinator"])
    rows = csv_table(export(client, "csv", country="EE"))
    assert [int(row["id"]) for row in rows] == [register["full"].pk]
    rows = csv_table(export(client, "csv", kind="conference"))
    assert [int(row["id"]) for row in rows] == [register["empty"].pk]


def test_a_wrong_format_or_filter_is_a_clear_error(client, users, register):
    client.force_login(users["coordinator"])
    response = client.get(reverse("register:export"), {"format": "pdf"})
    assert response.status_code == 400
    response = client.get(reverse("register:export"), {"format": "csv", "start": "huomenna"})
    assert response.status_code == 400


def test_export_queries_do_not_grow_with_the_register(
    client, users, units, register, django_assert_max_num_queries
):
    client.force_login(users["coordinator"])
    for _ in range(30):
        ActivityFactory(unit=units["b"])
    with django_assert_max_num_queries(25):
        export(client, "csv")
