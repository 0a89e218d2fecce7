"""Fixtures of the visits tests: a plan with spearheads and geographic priorities, topics, and
a helper that submits a request as the public form does."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from citydiplomacy.core.models import City, Country, Region, Theme, ThemeScheme
from citydiplomacy.plan.models import GeographicPriority, PlanStatus, ThematicPriority
from tests.factories import PlanFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def themes(db):
    climate = Theme.objects.create(
        scheme=ThemeScheme.SPEARHEAD,
        code="climate",
        name="Ilmasto",
        name_fi="Ilmasto",
        name_sv="Klimat",
        name_en="Climate",
    )
    digital = Theme.objects.create(
        scheme=ThemeScheme.SPEARHEAD,
        code="digitalisation",
        name="Digitalisaatio",
        name_fi="Digitalisaatio",
        name_sv="Digitalisering",
        name_en="Digitalisation",
    )
    culture = Theme.objects.create(
        scheme=ThemeScheme.TOPIC,
        code="culture",
        name="Kulttuuri",
        name_fi="Kulttuuri",
        name_sv="Kultur",
        name_en="Culture",
    )
    return {"climate": climate, "digitalisation": digital, "culture": culture}


@pytest.fixture
def plan(units, themes):
    plan = PlanFactory(unit=units["a"], status=PlanStatus.IN_FORCE)
    for code in ("climate", "digitalisation"):
        ThematicPriority.objects.create(plan=plan, theme=themes[code])
    GeographicPriority.objects.create(plan=plan, country=Country.objects.get(code="CN"), level=1)
    nordics, _ = Region.objects.get_or_create(code="nordics-test", defaults={"name": "Nordics"})
    nordics.countries.add(Country.objects.get(code="SE"))
    GeographicPriority.objects.create(plan=plan, region=nordics, level=1)
    return plan


@pytest.fixture
def intake(units):
    """Requests arrive at division A."""
    from citydiplomacy.visits.scoring import current_settings

    settings_row = current_settings()
    settings_row.intake_unit = units["a"]
    settings_row.save()
    return units["a"]


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def form_data(**overrides):
    """A valid post of the public form."""
    data = {
        "organisation_name": "Stockholms stad",
        "organisation_type": "city",
        "country": Country.objects.get(code="SE").pk,
        "city_name": "Stockholm",
        "delegation_size": 8,
        "leader_level": "mayor",
        "leader_title": "Borgmästare",
        "desired_start": in_days(60).isoformat(),
        "desired_end": in_days(61).isoformat(),
        "alternative_1_start": in_days(90).isoformat(),
        "alternative_1_end": in_days(91).isoformat(),
        "purpose": "Att lära oss om Helsingfors klimatarbete.",
        "wished_meetings": "Miljöförvaltningen",
        "contact_name": "Anna Berg",
        "contact_email": "anna.berg@example.se",
        "contact_phone": "+46 8 123 456",
        "privacy_accepted": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(db, plan, intake, themes):
    """Submit a request through the services (as the form would) and return it."""
    from citydiplomacy.visits import services
    from citydiplomacy.visits.forms import VisitRequestForm

    def _submit(language="sv", **overrides):
        data = form_data(**overrides)
        theme_ids = data.pop("themes", [themes["climate"].pk])
        form = VisitRequestForm({**data, "themes": theme_ids})
        assert form.is_valid(), form.errors
        return services.submit_request(form.cleaned_data, language=language)

    return _submit


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


__all__ = ["City"]
