"""Monitoring: a short status-update form, roll-up to objectives, reminders and follower notices."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from citydiplomacy.plan import notifications, services
from citydiplomacy.plan.models import Measure, Reminder, StatusUpdate
from tests.factories import MeasureFactory, ObjectiveFactory, PlanFactory


@pytest.fixture
def plan(units):
    return PlanFactory(unit=units["a"], visibility="public", is_published=True, status="in_force")


@pytest.fixture
def objective(plan):
    return ObjectiveFactory(plan=plan, number=1, title="Tavoite yksi")


@pytest.fixture
def measures(plan, objective, units):
    first = MeasureFactory(
        plan=plan, code="1.1", unit=units["a"], progress=0, objectives=[objective]
    )
    second = MeasureFactory(
        plan=plan, code="1.2", unit=units["a"], progress=50, objectives=[objective]
    )
    return first, second


def _objective_progress(user, plan):
    tree = services.plan_tree(user, plan)
    return tree.objectives[0].rollup.progress


def test_status_update_form__changes_the_objectives_rolled_up_progress(
    client, users, plan, measures
):
    client.force_login(users["coordinator"])
    assert _objective_progress(users["coordinator"], plan) == 25
    response = client.post(
        f"/plan/measures/{measures[0].pk}/",
        {
            "status": "on_track",
            "progress": "90",
            "text": "Hyvin menee",
            "reported_on": date.today(),
        },
    )
    assert response.status_code == 302
    assert _objective_progress(users["coordinator"], plan) == 70
    update = StatusUpdate.objects.get(measure=measures[0])
    assert (update.status, update.progress, update.author) == ("on_track", 90, users["coordinator"])
    page = client.get(f"/plan/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "70 %" in page


@pytest.mark.parametrize(
    ("progress", "message"),
    [
        ("150", "Progress must be between 0 and 100."),
        ("-1", "Progress must be between 0 and 100."),
        ("abc", "Enter a whole number."),
    ],
)
def test_status_update__bad_progress_is_refused_at_the_field(
    client, users, measures, progress, message
):
    client.force_login(users["editor_a"])
    response = client.post(
        f"/plan/measures/{measures[0].pk}/",
        {"status": "on_track", "progress": progress, "reported_on": date.today()},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StatusUpdate.objects.exists()
    assert Measure.objects.get(pk=measures[0].pk).progress == 0


def test_status_update__future_date_refused(client, users, measures):
    client.force_login(users["editor_a"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        f"/plan/measures/{measures[0].pk}/",
        {"status": "on_track", "progress": "10", "reported_on": tomorrow},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "cannot be dated in the future" in response.content.decode()
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize("role", ["editor_b", "viewer", "partner"])
def test_status_update__refused_for_users_who_cannot_edit(client, users, measures, role):
    client.force_login(users[role])
    response = client.post(
        f"/plan/measures/{measures[0].pk}/",
        {"status": "delayed", "progress": "10", "reported_on": date.today()},
    )
    assert response.status_code in (403, 404)
    assert not StatusUpdate.objects.exists()


def test_followers__told_when_status_changes_in_their_language(
    users, measures, django_capture_on_commit_callbacks
):
    follower = users["viewer"]
    follower.email, follower.language = "viewer@example.org", "sv"
    follower.save()
    measures[0].followers.add(follower)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_status_update(
            measures[0], users["coordinator"], status="delayed", progress_percent=5
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["viewer@example.org"]
    assert "Åtgärd 1.1 är nu: Försenad" in message.subject
    assert f"/plan/measures/{measures[0].pk}/" in message.body


def test_followers__not_told_when_status_stays(users, measures, django_capture_on_commit_callbacks):
    measures[0].followers.add(users["viewer"])
    users["viewer"].email = "viewer@example.org"
    users["viewer"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_status_update(
            measures[0], users["coordinator"], status="not_started", progress_percent=5
        )
    assert mail.outbox == []


def test_follower_who_cannot_see_a_confidential_measure__is_not_told(
    users, units, plan, django_capture_on_commit_callbacks
):
    secret = MeasureFactory(plan=plan, code="9.9", unit=units["a"], visibility="confidential")
    users["viewer"].email = "viewer@example.org"
    users["viewer"].save()
    secret.followers.add(users["viewer"])  # viewer belongs to unit B
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.record_status_update(
            secret, users["coordinator"], status="delayed", progress_percent=1
        )
    assert len(callbacks) == 1  # the notice was attempted
    assert mail.outbox == []


def test_reminders__sent_to_owner_with_direct_link_once_a_week(users, measures, settings):
    owner = users["editor_a"]
    owner.email, owner.language = "owner@example.org", "fi"
    owner.save()
    Measure.objects.filter(pk=measures[0].pk).update(owner=owner)
    Measure.objects.filter(pk=measures[1].pk).update(status="completed")
    later = timezone.localdate() + timedelta(days=120)
    assert notifications.send_update_reminders(later) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert "Toimenpiteen 1.1 tilannepäivitys on ajankohtainen" in message.subject
    assert f"{settings.SITE_URL}/plan/measures/{measures[0].pk}/#update" in message.body
    assert notifications.send_update_reminders(later) == 0
    assert Reminder.objects.count() == 1


def test_reminders__none_for_a_recent_update(users, measures):
    users["editor_a"].email = "owner@example.org"
    users["editor_a"].save()
    for measure in measures:
        services.record_status_update(
            measure, users["coordinator"], status="on_track", progress_percent=10
        )
    assert notifications.send_update_reminders(timezone.localdate() + timedelta(days=30)) == 0


def test_plan_tree__flags_overdue_measures(users, plan, measures):
    long_ago = timezone.now() - timedelta(days=200)
    Measure.objects.filter(plan=plan).update(created_at=long_ago)
    assert services.plan_tree(users["coordinator"], plan).overdue_count == 2
    services.record_status_update(
        measures[0], users["coordinator"], status="on_track", progress_percent=10
    )
    assert services.plan_tree(users["coordinator"], plan).overdue_count == 1


def test_timeline__shows_the_updates_of_a_measure(client, users, measures):
    services.record_status_update(
        measures[0],
        users["coordinator"],
        status="at_risk",
        progress_percent=15,
        text="Rahoitus epävarma",
    )
    client.force_login(users["viewer"])
    page = client.get(
        f"/plan/measures/{measures[0].pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    timeline = page[page.index('id="timeline-heading"') :]
    assert "Rahoitus epävarma" in timeline
    assert "At risk · 15 %" in timeline


def test_home_dashboard__lists_the_users_overdue_updates(client, users, plan, measures):
    from citydiplomacy.plan.models import Plan

    Plan.objects.filter(pk=plan.pk).update(status="in_force")
    Measure.objects.filter(plan=plan).update(created_at=timezone.now() - timedelta(days=200))
    services.record_status_update(
        measures[1], users["coordinator"], status="on_track", progress_percent=60
    )
    client.force_login(users["editor_a"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Status updates waiting for you" in html
    assert f"/plan/measures/{measures[0].pk}/#update" in html
    assert f"/plan/measures/{measures[1].pk}/#update" not in html
    client.force_login(users["editor_b"])
    assert (
        "Status updates waiting for you"
        not in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_closed_plan__no_overdue_flags_and_no_reminders(users, plan, measures):
    from citydiplomacy.plan.models import Plan

    Measure.objects.filter(plan=plan).update(created_at=timezone.now() - timedelta(days=200))
    Plan.objects.filter(pk=plan.pk).update(status="closed")
    plan.refresh_from_db()
    assert services.plan_tree(users["coordinator"], plan).overdue_count == 0
    users["editor_a"].email = "owner@example.org"
    users["editor_a"].save()
    assert notifications.send_update_reminders(timezone.localdate()) == 0
