"""The demo's visit requests: several dozen, every state, varied countries, idempotent."""

import pytest
from django.core import mail

from citydiplomacy.demo import loader
from citydiplomacy.visits import demo
from citydiplomacy.visits.models import EmailTemplate, VisitRequest, VisitStatus


@pytest.fixture
def demo_base(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    loader.load_units()
    loader.load_users()
    loader.load_seed_plan()
    mail.outbox = []


def test_demo__every_state__varied_countries__idempotent(demo_base):
    count = demo.load()
    assert count >= 36
    states = set(VisitRequest.objects.values_list("status", flat=True))
    assert states == set(VisitStatus.values)
    assert VisitRequest.objects.values("country").distinct().count() >= 15
    assert VisitRequest.objects.exclude(score=None).count() == count
    assert set(VisitRequest.objects.values_list("suggestion", flat=True)) == {
        "host_centrally",
        "redirect",
        "decline",
    }
    held = VisitRequest.objects.filter(status="held").first()
    assert held.programme.exists() and held.outcomes.exists()
    assert EmailTemplate.objects.count() == 18
    assert mail.outbox == []  # the examples e-mail nobody
    assert demo.load() == count
    assert VisitRequest.objects.count() == count
