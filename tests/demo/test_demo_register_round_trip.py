"""The done-when of the register on the demo itself: a coordinator exports the whole example
register to XLSX and re-imports it unchanged, with zero changes reported."""

import pytest

from citydiplomacy.core.models import User
from citydiplomacy.demo import loader
from citydiplomacy.register.models import Activity, ImportState
from tests.register.sheets.helpers import export, upload


@pytest.mark.django_db
def test_the_demo_register_round_trips_through_xlsx_with_zero_changes(client):
    loader.load_demo()
    client.force_login(User.objects.get(username="coordinator"))
    workbook = export(client, "xlsx")
    count = Activity.objects.count()

    activity_import, response = upload(client, workbook, name="register.xlsx")

    assert response.status_code == 302
    assert activity_import.state == ImportState.CHECKED, activity_import.errors[:5]
    assert (activity_import.to_create, activity_import.to_update) == (0, 0)
    assert activity_import.unchanged == activity_import.rows == count > 2000
