"""The workflow: legal steps recorded with who and when and e-mailed from templates in the
requester's language; illegal steps refused; access per role."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citydiplomacy.core.models import Country
from citydiplomacy.visits import services
from citydiplomacy.visits.models import EmailTemplate, VisitRequest

pytestmark = pytest.mark.django_db


def _step(client, visit, target, **data):
    return client.post(
        reverse("visits:transition", args=[visit.pk]),
        {"target": target, "version": VisitRequest.objects.get(pk=visit.pk).version, **data},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )


def test_whole_workflow__every_step_recorded_with_who(client, submit, users, outbox):
    visit = submit(language="en")
    coordinator = users["coordinator"]
    client.force_login(coordinator)
    _step(client, visit, "accepted", note="Welcome!")
    visit.refresh_from_db()
    assert visit.status == "accepted"
    assert visit.decision == "hosted"
    services.add_programme_item(
        visit,
        coordinator,
        starts_at=timezone.make_aware(datetime.combine(visit.first_day, datetime.min.time()))
        + timedelta(hours=9),
        ends_at=timezone.make_aware(datetime.combine(visit.first_day, datetime.min.time()))
        + timedelta(hours=10),
        title="Welcome at City Hall",
    )
    visit.refresh_from_db()
    assert visit.status == "programme"
    for target in ("confirmed", "held", "followed_up", "closed"):
        response = _step(client, visit, target)
        assert response.status_code == 200
        visit.refresh_from_db()
        assert visit.status == target
    steps = list(visit.transitions.values_list("from_status", "to_status", "by__username"))
    assert steps == [
        ("", "received", None),
        ("received", "triaged", "coordinator"),
        ("triaged", "accepted", "coordinator"),
        ("accepted", "programme", "coordinator"),
        ("programme", "confirmed", "coordinator"),
        ("confirmed", "held", "coordinator"),
        ("held", "followed_up", "coordinator"),
        ("followed_up", "closed", "coordinator"),
    ]
    assert visit.finished_at is not None
    subjects = [message.subject for message in outbox]
    assert subjects == [
        f"Your visit request {visit.reference} has been received",
        f"Visit request {visit.reference} accepted",
        f"Programme of visit {visit.reference} confirmed",
        f"Thank you for your visit ({visit.reference})",
    ]
    assert "Welcome!" in outbox[1].body
    assert "Welcome at City Hall" in outbox[2].body


def test_illegal_transition__refused__nothing_changes(client, submit, users, outbox):
    visit = submit()
    client.force_login(users["coordinator"])
    response = _step(client, visit, "held")
    assert "cannot be held" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == "received"
    assert visit.transitions.count() == 1
    with pytest.raises(services.IllegalTransition):
        services.transition(visit, "closed", users["coordinator"])
    with pytest.raises(services.IllegalTransition):
        services.transition(visit, "confirmed", users["coordinator"])


def test_redirect__needs_a_target__unit_takes_it_over(client, submit, users, units, outbox):
    visit = submit(language="sv")
    client.force_login(users["coordinator"])
    response = _step(client, visit, "redirected")
    assert "Name the unit or the partner" in response.content.decode()
    response = _step(client, visit, "redirected", redirected_to=units["b"].pk, note="Se nedan.")
    visit.refresh_from_db()
    assert visit.status == "redirected"
    assert visit.unit == units["b"]
    assert visit.decision == "redirected"
    assert "har förmedlats vidare" in outbox[-1].subject
    assert units["b"].name_sv in outbox[-1].body or units["b"].name in outbox[-1].body
    # Division B's editor now sees and runs it; division A's does not see it.
    assert VisitRequest.objects.visible_to(users["editor_b"]).filter(pk=visit.pk).exists()
    assert not VisitRequest.objects.visible_to(users["editor_a"]).filter(pk=visit.pk).exists()


def test_decline__email_in_requesters_language_from_edited_template(client, submit, users, outbox):
    visit = submit(language="fi")
    from citydiplomacy.visits import emails

    emails.ensure_defaults()
    EmailTemplate.objects.filter(kind="declined", language="fi").update(
        subject="Päätös {reference}", body="Hei {contact_name}, {note} {unknown}"
    )
    client.force_login(users["coordinator"])
    _step(client, visit, "declined", note="Ajankohta on täynnä.")
    assert outbox[-1].subject == f"Päätös {visit.reference}"
    assert outbox[-1].body.strip() == "Hei Anna Berg, Ajankohta on täynnä. {unknown}"


def test_accept__with_alternative_dates(client, submit, users):
    visit = submit()
    start, end = visit.date_options[1]
    client.force_login(users["coordinator"])
    _step(client, visit, "accepted", dates=f"{start.isoformat()}/{end.isoformat()}")
    visit.refresh_from_db()
    assert (visit.start_date, visit.end_date) == (start, end)


def test_stale_version__refused(client, submit, users):
    visit = submit()
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("visits:transition", args=[visit.pk]),
        {"target": "declined", "version": visit.version - 1},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    assert "Someone else changed this request" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == "received"


@pytest.mark.parametrize("role", ["editor_a", "editor_b", "viewer", "partner"])
def test_only_coordinators_decide(client, submit, users, role):
    visit = submit()
    client.force_login(users[role])
    response = _step(client, visit, "accepted")
    visit.refresh_from_db()
    assert visit.status == "received"
    if role == "editor_a":  # the intake unit's editor sees it but may not decide
        assert "You may not take this step" in response.content.decode()
    else:
        assert response.status_code == 404


def test_unit_editor_runs_an_accepted_visit(client, submit, users):
    visit = submit()
    services.transition(visit, "accepted", users["coordinator"])
    assert services.available_steps(users["editor_a"], visit) == ["programme", "declined"]
    assert services.available_steps(users["editor_b"], visit) == []


def test_triage_form__business_potential_rescored_and_marked_triaged(client, submit, users):
    visit = submit(organisation_type="government")
    before = visit.score
    client.force_login(users["coordinator"])
    client.post(
        reverse("visits:triage", args=[visit.pk]),
        {"business_potential": "high", "version": visit.version},
    )
    visit.refresh_from_db()
    assert visit.business_potential == "high"
    assert visit.score == before + 15
    assert visit.status == "triaged"


def test_inbox__access_per_role(client, submit, users):
    visit = submit()
    url = reverse("visits:inbox")
    assert client.get(url).status_code == 302  # sign in first
    for role, sees in [
        ("coordinator", True),
        ("admin", True),
        ("editor_a", True),
        ("editor_b", False),
        ("viewer", False),
        ("partner", False),
    ]:
        client.force_login(users[role])
        page = client.get(url).content.decode()
        assert (visit.reference in page) is sees, role
        detail = client.get(reverse("visits:detail", args=[visit.pk]))
        assert detail.status_code == (200 if sees else 404), role
        export = client.get(reverse("visits:programme_download", args=[visit.pk, "ics"]))
        assert export.status_code == (200 if sees else 404), role


def test_inbox__filters_and_score_with_explanation(client, submit, users):
    china = Country.objects.get(code="CN").pk
    high = submit(organisation_name="Beijing Municipal", country=china, leader_level="minister")
    low = submit(organisation_name="Small Club", leader_level="other", themes=[])
    client.force_login(users["coordinator"])
    page = client.get(reverse("visits:inbox"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "+20 Climate spearhead" in page
    assert "high-priority country China" in page
    assert "−10 no spearhead theme" in page
    filtered = client.get(
        reverse("visits:inbox"), {"min_score": high.score}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert high.reference in filtered and low.reference not in filtered
    by_suggestion = client.get(reverse("visits:inbox"), {"suggestion": "decline"}).content.decode()
    assert low.reference in by_suggestion and high.reference not in by_suggestion
    search = client.get(reverse("visits:inbox"), {"q": "club"}).content.decode()
    assert low.reference in search and high.reference not in search


def test_inbox__reasons_in_finnish_and_swedish(client, submit, users):
    submit()
    client.force_login(users["coordinator"])
    fi = client.get(reverse("visits:inbox"), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    sv = client.get(reverse("visits:inbox"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "+20 Ilmasto" in fi
    assert "+20 Klimat" in sv


def test_inbox__query_count_does_not_grow(client, submit, users, django_assert_max_num_queries):
    for n in range(3):
        submit(organisation_name=f"Org {n}")
    client.force_login(users["coordinator"])
    client.get(reverse("visits:inbox"))
    with django_assert_max_num_queries(14) as first:
        client.get(reverse("visits:inbox"))
    for n in range(10):
        submit(organisation_name=f"More {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("visits:inbox"))
