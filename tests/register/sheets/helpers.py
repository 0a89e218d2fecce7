import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citydiplomacy.register.models import ActivityImport


def export(client, fmt="csv", **params) -> bytes:
    response = client.get(reverse("register:export"), {"format": fmt, **params})
    assert response.status_code == 200, response.content[:500]
    if response.streaming:
        return b"".join(response.streaming_content)
    return b"".join(response) if hasattr(response, "file_to_stream") else response.content


def csv_table(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_table(data: bytes) -> list[dict]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def table_to_csv(rows: list[dict], header=None) -> bytes:
    header = header or list(rows[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


def upload(client, data: bytes, name="activities.csv", lang="en"):
    """Upload a file; the dry run runs at once in tests. The import record and the response."""
    response = client.post(
        reverse("register:import"),
        {"file": SimpleUploadedFile(name, data)},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    activity_import = ActivityImport.objects.order_by("-pk").first()
    return activity_import, response


def run(client, activity_import):
    response = client.post(reverse("register:import-detail", args=[activity_import.pk]))
    assert response.status_code == 302
    activity_import.refresh_from_db()
    return activity_import


def problems(activity_import) -> set[tuple]:
    return {(p["row"], p["column"], p["code"]) for p in activity_import.errors}
