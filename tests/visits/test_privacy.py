"""Retention: a finished request's personal data is erased by the scheduled task after the
configured period, and the erasure is logged."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from citydiplomacy.visits import services, tasks
from citydiplomacy.visits.models import ErasureLog, SubmissionAttempt, VisitRequest
from citydiplomacy.visits.scoring import current_settings

pytestmark = pytest.mark.django_db


def _finish(visit, users, days_ago):
    services.transition(visit, "declined", users["coordinator"])
    services.transition(visit, "closed", users["coordinator"])
    VisitRequest.objects.filter(pk=visit.pk).update(
        finished_at=timezone.now() - timedelta(days=days_ago)
    )


def test_erasure__after_retention__data_gone__logged(client, submit, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import form_data

    client.post(
        reverse("visits:request"), form_data(attachment=SimpleUploadedFile("a.txt", b"Agenda\n"))
    )
    old = VisitRequest.objects.get()
    recent = submit(organisation_name="Recent")
    settings_row = current_settings()
    settings_row.retention_days = 30
    settings_row.save()
    _finish(old, users, days_ago=31)
    _finish(recent, users, days_ago=29)
    attachment_path = old.attachment.path
    token = old.status_token
    assert tasks.erase_expired_personal_data.enqueue().return_value == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone) == ("", "", "")
    assert not old.attachment and old.personal_data_erased_at is not None
    assert old.organisation_name == "Stockholms stad"  # the facts of the visit are kept
    assert recent.contact_email == "anna.berg@example.se"
    import os

    assert not os.path.exists(attachment_path)
    assert client.get(reverse("visits:status", args=[token])).status_code == 404
    log = ErasureLog.objects.get()
    assert log.reference == old.reference
    assert {"contact_name", "contact_email", "attachment"} <= set(log.fields)
    # History keeps no copy of the personal data.
    for row in old.history.all():
        assert not hasattr(row, "contact_email")
    # Running again erases nothing more.
    assert services.erase_expired() == 0


def test_erasure__open_requests_kept(submit):
    visit = submit()
    VisitRequest.objects.filter(pk=visit.pk).update(
        received_at=timezone.now() - timedelta(days=3000)
    )
    assert services.erase_expired() == 0


def test_erasure_command(submit, users, capsys):
    visit = submit()
    _finish(visit, users, days_ago=400)
    call_command("visits_erase")
    assert "1 visit request" in capsys.readouterr().out
    assert ErasureLog.objects.count() == 1


def test_erasure__forgets_old_rate_limit_attempts(db):
    old = SubmissionAttempt.objects.create(client="x" * 64)
    SubmissionAttempt.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=2))
    SubmissionAttempt.objects.create(client="y" * 64)
    services.erase_expired()
    assert list(SubmissionAttempt.objects.values_list("client", flat=True)) == ["y" * 64]


def test_detail_page__says_data_erased(client, submit, users):
    visit = submit()
    _finish(visit, users, days_ago=400)
    services.erase_expired()
    client.force_login(users["coordinator"])
    page = client.get(
        reverse("visits:detail", args=[visit.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "The personal data was erased on" in page
    assert "anna.berg@example.se" not in page
