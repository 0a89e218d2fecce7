"""Trip pre-approval: request, submit, decide, and the refusals around them."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from citydiplomacy.register.models import ApprovalState, TripApproval
from citydiplomacy.register.models.trips import TripApprover
from citydiplomacy.register.services import trips as service
from tests.factories import ActivityFactory, UserFactory

from .conftest import REQUEST, TODAY

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class Flow:
    """Posts the request and decision forms as a person would; e-mails sent after the
    commit are delivered before the call returns."""

    def __init__(self, client, on_commit):
        self.client, self.on_commit = client, on_commit

    def request(self, user, trip, action="submit", **changes):
        self.client.force_login(user)
        data = {**REQUEST, **changes, "action": action}
        approval = TripApproval.objects.filter(activity=trip).first()
        if approval:
            data["edit_version"] = approval.version
        with self.on_commit(execute=True):
            return self.client.post(reverse("register:trip-approval", args=[trip.pk]), data, **EN)

    def decide(self, user, trip, action, note=""):
        self.client.force_login(user)
        approval = TripApproval.objects.get(activity=trip)
        with self.on_commit(execute=True):
            return self.client.post(
                reverse("register:trip-decision", args=[trip.pk]),
                {"action": action, "note": note, "edit_version": approval.version},
                **EN,
            )


@pytest.fixture
def flow(client, django_capture_on_commit_callbacks):
    return Flow(client, django_capture_on_commit_callbacks)


def test_request__submitted__approver_emailed_and_sees_it_in_their_queue(
    flow, client, people, trip
):
    response = flow.request(people["editor_a"], trip)

    assert response.status_code == 302
    approval = TripApproval.objects.get(activity=trip)
    assert approval.state == ApprovalState.SUBMITTED
    assert approval.requested_by == people["editor_a"]
    assert approval.estimated_cost == 1800
    assert [m.to for m in mail.outbox] == [["approver_a@example.test"]]
    assert "Climate summit in Tallinn" in mail.outbox[0].subject
    assert reverse("register:trip-approval", args=[trip.pk]) in mail.outbox[0].body
    client.force_login(people["approver_a"])
    queue = client.get(reverse("register:approvals"), **EN).content.decode()
    assert "Climate summit in Tallinn" in queue
    client.force_login(people["editor_b"])
    assert (
        "Climate summit in Tallinn"
        not in client.get(reverse("register:approvals"), **EN).content.decode()
    )


def test_request_page_shows_the_trips_objectives(client, people, trip):
    from tests.factories import ObjectiveFactory, PlanFactory

    objective = ObjectiveFactory(
        plan=PlanFactory(unit=trip.unit), number=2, title="Ilmasto", title_en="Climate cooperation"
    )
    trip.objectives.add(objective)
    client.force_login(people["editor_a"])

    page = client.get(reverse("register:trip-approval", args=[trip.pk]), **EN).content.decode()

    assert "2. Climate cooperation" in page
    assert "Aino Approver" in page  # who will decide


def test_approve__recorded_and_requester_emailed(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    mail.outbox.clear()

    response = flow.decide(people["approver_a"], trip, "approve", "Have a good trip")

    assert response.status_code == 302
    approval = TripApproval.objects.get(activity=trip)
    assert approval.state == ApprovalState.APPROVED
    assert approval.approver == people["approver_a"]
    assert approval.decided_at is not None
    assert approval.decision_note == "Have a good trip"
    assert [m.to for m in mail.outbox] == [["editor_a@example.test"]]
    assert "Trip approved" in mail.outbox[0].subject
    assert "Aino Approver approved" in mail.outbox[0].body


def test_reject__needs_a_note__then_requester_emailed_and_may_resubmit(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    mail.outbox.clear()

    refused = flow.decide(people["approver_a"], trip, "reject", "")
    assert refused.status_code == 400
    assert "why the trip is not approved" in refused.content.decode()
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.SUBMITTED
    assert mail.outbox == []

    flow.decide(people["approver_a"], trip, "reject", "Join online instead")
    approval = TripApproval.objects.get(activity=trip)
    assert approval.state == ApprovalState.REJECTED
    assert "Trip not approved" in mail.outbox[0].subject
    assert "Join online instead" in mail.outbox[0].body

    flow.request(people["editor_a"], trip, why_not_virtual="The plant visit cannot be online")
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.SUBMITTED


def test_nobody_decides_on_their_own_request__not_even_a_coordinator(flow, client, people, units):
    coordinator = people["coordinator"]
    trip = ActivityFactory(unit=units["b"], start_date=TODAY + datetime.timedelta(days=5))
    flow.request(coordinator, trip)  # no approver for B: the coordinators decide

    response = flow.decide(coordinator, trip, "approve")

    assert response.status_code == 400
    assert "request you made yourself" in response.content.decode()
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.SUBMITTED
    other = UserFactory(username="coordinator2", role="coordinator", email="c2@example.test")
    assert flow.decide(other, trip, "approve").status_code == 302
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.APPROVED


def test_only_the_units_approvers_decide__others_refused(flow, client, people, trip):
    flow.request(people["editor_a"], trip)

    for name in ("editor_b", "viewer", "editor_a"):
        response = flow.decide(people[name], trip, "approve")
        assert response.status_code in (400, 403), name
    # A coordinator does not overrule a unit that has its own approver.
    assert flow.decide(people["coordinator"], trip, "approve").status_code == 403
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.SUBMITTED


def test_unit_without_approver__coordinators_are_asked_and_decide(flow, client, people, units):
    trip = ActivityFactory(unit=units["b"], start_date=TODAY + datetime.timedelta(days=5))
    editor_b = people["editor_b"]

    flow.request(editor_b, trip)

    assert [m.to for m in mail.outbox] == [["coordinator@example.test"]]
    assert flow.decide(people["coordinator"], trip, "approve").status_code == 302


def test_approver_of_a_division_decides_for_its_departments_nearest_level_is_emailed(
    people, units, trip
):
    dept_approver = UserFactory(username="dept", role="viewer", email="dept@example.test")
    TripApprover.objects.create(unit=units["a_dept"], user=dept_approver)

    assert service.notified_approvers(trip, None) == [dept_approver]
    people_who_decide, by_unit = service.deciders(trip, None)
    assert by_unit and set(people_who_decide) == {dept_approver, people["approver_a"]}


def test_only_editors_of_the_trip_request__a_partner_sees_nothing(flow, client, people, trip):
    for name in ("editor_b", "viewer"):
        assert flow.request(people[name], trip).status_code == 403
    client.force_login(people["partner"])
    assert client.get(reverse("register:trip-approval", args=[trip.pk])).status_code == 403
    client.logout()
    response = client.get(reverse("register:trip-approval", args=[trip.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not TripApproval.objects.exists()


def test_confidential_trip__another_units_editor_cannot_open_it(client, people, units):
    secret = ActivityFactory(unit=units["a"], visibility="confidential", title="Secret talks")
    client.force_login(people["editor_b"])
    assert client.get(reverse("register:trip-approval", args=[secret.pk])).status_code == 404
    assert client.get(reverse("register:trip-report", args=[secret.pk])).status_code == 404


def test_an_activity_that_is_not_a_trip_has_no_approval(client, people, units):
    event = ActivityFactory(unit=units["a"], kind="event")
    client.force_login(people["editor_a"])
    assert client.get(reverse("register:trip-approval", args=[event.pk])).status_code == 404


def test_a_trip_that_has_ended_cannot_be_preapproved(flow, client, people, units):
    past = ActivityFactory(
        unit=units["a"],
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY - datetime.timedelta(days=8),
    )
    response = flow.request(people["editor_a"], past)
    assert response.status_code == 302
    approval = TripApproval.objects.get(activity=past)
    assert approval.state == ApprovalState.DRAFT  # saved, but not submitted
    page = client.get(response["Location"], **EN).content.decode()
    assert "already ended" in page
    assert mail.outbox == []


def test_save_as_draft__not_sent(flow, client, people, trip):
    flow.request(people["editor_a"], trip, action="save")
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.DRAFT
    assert mail.outbox == []


def test_changing_an_approved_request_sends_it_back_for_approval(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    flow.decide(people["approver_a"], trip, "approve")
    mail.outbox.clear()

    response = flow.request(people["editor_a"], trip, action="save", estimated_cost="2600")

    assert response.status_code == 302
    approval = TripApproval.objects.get(activity=trip)
    assert approval.state == ApprovalState.SUBMITTED
    assert approval.reapproval_reason
    assert [m.to for m in mail.outbox] == [["approver_a@example.test"]]
    assert "again" in mail.outbox[0].subject


def test_unchanged_save_of_an_approved_request_keeps_the_approval(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    flow.decide(people["approver_a"], trip, "approve")

    flow.request(people["editor_a"], trip, action="save")

    assert TripApproval.objects.get(activity=trip).state == ApprovalState.APPROVED


def test_changing_an_approved_trips_dates_or_destination_needs_reapproval(people, trip):
    from citydiplomacy.core.models import Country

    approval = TripApproval.objects.create(
        activity=trip, **{**REQUEST, "estimated_cost": 100}, state=ApprovalState.APPROVED
    )
    trip.title = "Climate summit in Tallinn (agenda)"
    trip.save()
    approval.refresh_from_db()
    assert approval.state == ApprovalState.APPROVED  # a title is not a reason

    trip.end_date += datetime.timedelta(days=2)
    trip.save()
    approval.refresh_from_db()
    assert approval.state == ApprovalState.SUBMITTED
    assert "end date" in approval.reapproval_reason

    approval.state = ApprovalState.APPROVED
    approval.save()
    trip.countries.add(Country.objects.get(code="EE"))
    approval.refresh_from_db()
    assert approval.state == ApprovalState.SUBMITTED


def test_decision_on_a_stale_page_is_refused(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    client.force_login(people["approver_a"])
    stale = TripApproval.objects.get(activity=trip).version
    flow.request(people["editor_a"], trip, action="save", estimated_cost="9999")

    client.force_login(people["approver_a"])
    response = client.post(
        reverse("register:trip-decision", args=[trip.pk]),
        {"action": "approve", "note": "", "edit_version": stale},
        **EN,
    )

    assert response.status_code == 409
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.SUBMITTED


def test_deciding_twice_is_refused(flow, client, people, trip):
    flow.request(people["editor_a"], trip)
    flow.decide(people["approver_a"], trip, "approve")
    response = flow.decide(people["approver_a"], trip, "reject", "changed my mind")
    assert response.status_code in (400, 403)
    assert TripApproval.objects.get(activity=trip).state == ApprovalState.APPROVED


def test_approvers_are_managed_by_coordinators_only(client, people, units):
    url = reverse("register:trip-approvers")
    client.force_login(people["editor_a"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"unit": units["b"].pk, "user": people["viewer"].pk}).status_code == 403
    client.force_login(people["coordinator"])
    assert client.post(url, {"unit": units["b"].pk, "user": people["viewer"].pk}).status_code == 302
    row = TripApprover.objects.get(unit=units["b"])
    assert row.user == people["viewer"]
    assert "viewer" in client.get(url, **EN).content.decode()
    client.post(reverse("register:trip-approver-remove", args=[row.pk]))
    assert not TripApprover.objects.filter(unit=units["b"]).exists()


def test_negative_cost_and_missing_fields_are_refused(flow, client, people, trip):
    response = flow.request(people["editor_a"], trip, estimated_cost="-5", aims="")
    assert response.status_code == 400
    assert not TripApproval.objects.exists()


def test_activity_page_shows_the_approval_state_and_the_next_step(flow, client, people, trip):
    detail = reverse("register:detail", args=[trip.pk])
    client.force_login(people["editor_a"])
    page = client.get(detail, **EN).content.decode()
    assert "No approval requested" in page and "Request approval" in page
    client.force_login(people["viewer"])
    assert "Request approval" not in client.get(detail, **EN).content.decode()

    flow.request(people["editor_a"], trip)
    flow.decide(people["approver_a"], trip, "approve")

    client.force_login(people["viewer"])
    page = client.get(detail, **EN).content.decode()
    assert "Approved by" in page and "Aino Approver" in page
    assert "Not yet reported" in page
