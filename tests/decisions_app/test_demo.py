"""Done when: in the demo the seed decision shows on the plan's timeline."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from citydiplomacy.core.models import User
from citydiplomacy.decisions import demo
from citydiplomacy.decisions.models import Decision, FollowUpStatus, LinkStatus, PlanLink
from citydiplomacy.demo import loader
from citydiplomacy.plan import timeline
from citydiplomacy.plan.models import Plan

from .test_timeline_and_report import _plan_fragment

pytestmark = pytest.mark.urls("tests.decisions_app.urls")


def test_demo__seed_linked_to_the_plan_and_samples_imported(db, media_root):
    loader.load_demo()
    first = Plan.objects.get(title_fi="Kansainvälisen toiminnan suunnitelma", edition=1)
    current = Plan.objects.get(previous_edition=first)

    assert demo.load(first) == 29

    seed = Decision.objects.get(diary_number="HEL 2017-010458")
    seed_url = f"/decisions/{seed.pk}/"
    entries = timeline.entries_for(first, AnonymousUser())
    assert [e.url for e in entries if e.kind == "decision"] == [seed_url]
    assert seed_url in _plan_fragment(first, AnonymousUser())
    assert "version 1 of the plan" in _plan_fragment(current, AnonymousUser())
    link = seed.links.get(plan=first)
    assert link.status == LinkStatus.CONFIRMED
    assert link.decided_by.username == "coordinator"
    follow_up = seed.follow_ups.get(status=FollowUpStatus.CONFIRMED)
    assert follow_up.due_date == date(2017, 12, 31)
    assert "vuoden 2017 loppuun mennessä" in follow_up.excerpt
    assert Decision.objects.count() == 29

    secret = Decision.objects.get(confidential=True)
    assert secret in Decision.objects.visible_to(User.objects.get(username="viewer"))
    assert secret not in Decision.objects.visible_to(User.objects.get(username="editor"))


def test_demo__loading_again_changes_nothing(db, media_root):
    loader.load_demo()
    first = Plan.objects.get(title_fi="Kansainvälisen toiminnan suunnitelma", edition=1)
    demo.load(first)
    history = (Decision.history.count(), PlanLink.history.count())

    demo.load(first)

    assert (Decision.history.count(), PlanLink.history.count()) == history
    assert Decision.objects.count() == 29
