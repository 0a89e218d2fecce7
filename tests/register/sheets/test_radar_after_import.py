"""An import is checked by the radar once, after it has committed, not row by row."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from citydiplomacy.core.models import City
from citydiplomacy.register.models import RadarFinding
from citydiplomacy.register.services import imports
from citydiplomacy.register.spreadsheet.columns import NAMES

pytestmark = pytest.mark.django_db(transaction=True)


def _csv(rows: list[dict]) -> bytes:
    lines = [",".join(NAMES)] + [",".join(str(row.get(name, "")) for name in NAMES) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def test_an_imported_overlap_is_found_after_the_import(users, units):
    city = City.objects.get(geonameid=2800866)  # Brussels
    start = datetime.date.today() + datetime.timedelta(days=60)
    rows = [
        {
            "kind": "trip",
            "title": f"Trip {n}",
            "status": "planned",
            "start_date": start,
            "end_date": start,
            "unit": unit.code,
            "cities": city.geonameid,
            "countries": "BE",
            "delegation_level": "expert",
            "participant_count": 1,
            "senior_participant_count": 0,
            "visibility": "internal",
        }
        for n, unit in enumerate([units["a"], units["b"]])
    ]
    upload = SimpleUploadedFile("register.csv", _csv(rows), "text/csv")
    activity_import = imports.start_import(upload, users["coordinator"])
    activity_import.refresh_from_db()
    assert activity_import.to_create == 2, activity_import.errors
    imports.confirm_import(activity_import)
    activity_import.refresh_from_db()
    assert activity_import.state == "done", activity_import.errors
    assert RadarFinding.objects.filter(kind="overlap", key_type="city").count() == 1
