"""The activity record: its date rule, visibility and the source link other capabilities use."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from citydiplomacy.register.models import Activity
from citydiplomacy.register.services.sources import record_from_source
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_an_end_before_the_start_is_refused_by_the_form_rule_and_the_database(units):
    activity = ActivityFactory.build(
        unit=units["a"], start_date=datetime.date(2026, 5, 2), end_date=datetime.date(2026, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(IntegrityError):
        activity.save()


def test_confidential_activity_is_hidden_from_another_units_editor(units, users):
    secret = ActivityFactory(unit=units["a"], visibility="confidential")
    assert secret in Activity.objects.visible_to(users["editor_a"])
    assert secret in Activity.objects.visible_to(users["coordinator"])
    assert secret not in Activity.objects.visible_to(users["editor_b"])
    assert secret not in Activity.objects.visible_to(users["partner"])


def test_recording_from_a_source_twice_updates_the_one_activity(units):
    common = {
        "unit": units["a"],
        "kind": "visit",
        "start_date": datetime.date(2026, 4, 1),
        "end_date": datetime.date(2026, 4, 2),
        "country_codes": ["SE"],
        "partner_name": "Stockholms stad",
    }
    first = record_from_source("visit", 7, title="Delegation from Stockholm", **common)
    again = record_from_source("visit", 7, title="Stockholm delegation", **common)
    assert first.pk == again.pk
    assert Activity.objects.get(pk=first.pk).title == "Stockholm delegation"
    assert [c.code for c in again.countries.all()] == ["SE"]
    assert again.partners.get().name == "Stockholms stad"
