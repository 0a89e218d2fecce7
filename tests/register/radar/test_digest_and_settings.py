"""The daily digest, idle measures and the radar's settings."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from citydiplomacy.core.schedule import jobs
from citydiplomacy.plan.models import PlanStatus
from citydiplomacy.register.models import FindingKind, RadarFinding, RadarSettings
from citydiplomacy.register.services import radar
from citydiplomacy.register.tasks_radar import send_radar_digest
from tests.factories import ActivityFactory, MeasureFactory, PlanFactory
from tests.register.radar.test_findings import _trip

D = datetime.date


def _with_email(users, **languages):
    for name, user in users.items():
        user.email = f"{name}@example.org"
        user.language = languages.get(name, "fi")
        user.save()


def test_digest_is_sent_once_to_each_person_concerned_in_their_language(
    users, units, saved, brussels
):
    _with_email(users, editor_a="sv", editor_b="en")
    saved(lambda: _trip(units["a"], brussels, D(2030, 5, 4), "EU lobbying week"))
    saved(lambda: _trip(units["b"], brussels, D(2030, 5, 6), "Urban agenda meeting"))

    # Coordinators, and the users of both units, the viewer of unit B included; not the partner.
    assert send_radar_digest.enqueue().return_value == 5
    by_user = {message.to[0].split("@")[0]: message for message in mail.outbox}
    assert set(by_user) == {"coordinator", "admin", "editor_a", "editor_b", "viewer"}
    assert "Hej" in by_user["editor_a"].body and "Bryssel" in by_user["editor_a"].body
    assert "Hello" in by_user["editor_b"].body and "Brussels" in by_user["editor_b"].body
    assert "Hei" in by_user["coordinator"].body
    assert "EU lobbying week" in by_user["editor_b"].body
    assert "/register/radar/" in by_user["editor_b"].body
    mail.outbox.clear()

    assert radar.send_digest() == 0  # nothing new: no e-mail
    assert mail.outbox == []


def test_daily_jobs_are_registered():
    names = {job.name for job in jobs()}
    assert {"register-radar-scan", "register-radar-digest"} <= names


def test_idle_measure_is_found_and_an_activity_resolves_it(users, units, saved):
    today = timezone.localdate()
    plan = PlanFactory(unit=units["a"], status=PlanStatus.IN_FORCE)
    idle = MeasureFactory(plan=plan, code="1.1", start_date=today - datetime.timedelta(days=400))
    busy = MeasureFactory(plan=plan, code="1.2", start_date=today - datetime.timedelta(days=400))
    young = MeasureFactory(plan=plan, code="1.3", start_date=today - datetime.timedelta(days=30))

    def earlier_activities():
        done = ActivityFactory(unit=units["a"], start_date=today - datetime.timedelta(days=20))
        done.measures.add(busy)
        old = ActivityFactory(unit=units["a"], start_date=today - datetime.timedelta(days=300))
        old.measures.add(idle)
        return old

    old = saved(earlier_activities)

    radar.full_scan()
    found = RadarFinding.objects.filter(kind=FindingKind.IDLE_MEASURE)
    assert [f.measure for f in found] == [idle]
    assert found[0].start_date == old.end_date  # idle since the last activity
    assert young not in [f.measure for f in found]
    assert len(radar.open_findings(users["editor_a"])) == 1
    assert len(radar.open_findings(users["editor_b"])) == 0

    def carry_out():
        activity = ActivityFactory(unit=units["a"], start_date=today)
        activity.measures.add(idle)

    saved(carry_out)
    assert radar.open_findings(users["coordinator"]).count() == 0
    radar.full_scan()
    assert radar.open_findings(users["coordinator"]).count() == 0


def test_coordinator_changes_the_window_and_the_register_is_scanned_again(
    client, users, units, brussels
):
    _trip(units["a"], brussels, D(2030, 5, 1))
    _trip(units["b"], brussels, D(2030, 5, 24))  # 21 days after the first one ends
    radar.full_scan()
    assert radar.open_findings(users["coordinator"]).count() == 0

    client.force_login(users["coordinator"])
    url = reverse("register:radar-settings")
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"window_days": 400, "duplicate_threshold": 0.8, "idle_measure_days": 180}
    )
    assert bad.status_code == 400
    response = client.post(
        url, {"window_days": 30, "duplicate_threshold": 0.8, "idle_measure_days": 180}
    )
    assert response.status_code == 302
    assert RadarSettings.current().window_days == 30
    assert RadarSettings.current().last_scan_at is not None
    assert radar.open_findings(users["coordinator"]).count() == 1


def test_only_coordinators_edit_the_settings(client, users):
    for name in ("editor_a", "viewer", "partner"):
        client.force_login(users[name])
        assert client.get(reverse("register:radar-settings")).status_code == 403


def test_findings_about_activity_already_over_are_kept_but_neither_mailed_nor_counted(
    users, units, saved, brussels
):
    _with_email(users)
    saved(lambda: _trip(units["a"], brussels, D(2021, 5, 4), "EU lobbying week"))
    saved(lambda: _trip(units["b"], brussels, D(2021, 5, 6), "Urban agenda meeting"))

    assert radar.open_findings(users["coordinator"]).exists()
    assert radar.dashboard_panel(users["coordinator"])["count"] == 0
    assert radar.send_digest() == 0
    assert mail.outbox == []
