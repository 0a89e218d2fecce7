"""Outgoing trips: pre-approval, the report after the trip, and the public travel register.

The rules (``docs/travel-register.md`` explains them to users):

* Whoever may edit the trip (its unit's editors, coordinators) writes and submits the request.
* The unit's approvers decide: those set for the trip's unit or any unit above it. A unit chain
  with no approver goes to the coordinators. Nobody decides on a request they made themselves,
  not even a coordinator (four eyes); when the requester is the only approver, the
  coordinators decide.
* Changing an approved request, or the trip's dates, destinations or delegation, sends it back
  for approval; until it is approved again it is not in the public travel register.
* A trip is pre-approved before it ends; after its end date an approved trip is reported back,
  and a report not written ``REPORT_DUE_DAYS`` after the end is overdue.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import BooleanField, Case, Q, Value, When
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import save_versioned
from citydiplomacy.core.models import OrganisationUnit, Role, User, Visibility

from ..models import Activity, ActivityKind, ActivityStatus, ApprovalState, DelegationLevel
from ..models.trips import TripApproval, TripApprover

#: Days after a trip's end date by which its report is due.
REPORT_DUE_DAYS = 14
#: Fields of a trip whose change sends an approved request back for approval.
KEY_FIELDS = (
    "start_date",
    "end_date",
    "delegation_level",
    "participant_count",
    "senior_participant_count",
)
KEY_LINKS = ("countries", "cities")
REQUEST_FIELDS = ("aims", "expected_benefit", "estimated_cost", "why_not_virtual")


class TripRefused(Exception):
    """An action on a trip that its state or the user's role does not allow (message shown)."""


# --- who ---------------------------------------------------------------------------------


def unit_chain(unit) -> list[int]:
    """The unit's id and the ids of every unit above it, nearest first."""
    return [int(part) for part in reversed(unit.path.strip("/").split("/")) if part]


def _approvers_by_unit(unit_ids) -> dict[int, list[User]]:
    rows = TripApprover.objects.filter(unit_id__in=unit_ids, user__is_active=True).select_related(
        "user"
    )
    found: dict[int, list[User]] = {}
    for row in rows:
        found.setdefault(row.unit_id, []).append(row.user)
    return found


def _coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("username"))


def deciders(activity, requester_id: int | None, approvers=None) -> tuple[list[User], bool]:
    """Who may decide on ``activity``'s request, and whether they are the unit's approvers
    (True) or the coordinators standing in for them (False). The requester never decides."""
    chain = unit_chain(activity.unit)
    approvers = _approvers_by_unit(chain) if approvers is None else approvers
    chosen = [
        user for unit_id in chain for user in approvers.get(unit_id, []) if user.pk != requester_id
    ]
    if chosen:
        return list({user.pk: user for user in chosen}.values()), True
    return [user for user in _coordinators() if user.pk != requester_id], False


def notified_approvers(activity, requester_id: int | None) -> list[User]:
    """Who is e-mailed about a request: the nearest unit level that has approvers other than
    the requester, else the coordinators."""
    chain = unit_chain(activity.unit)
    approvers = _approvers_by_unit(chain)
    for unit_id in chain:
        nearest = [u for u in approvers.get(unit_id, []) if u.pk != requester_id]
        if nearest:
            return nearest
    return [user for user in _coordinators() if user.pk != requester_id]


def may_decide(user, approval: TripApproval, approvers=None) -> bool:
    if not user.is_authenticated or user.pk == approval.requested_by_id:
        return False
    people, by_unit = deciders(approval.activity, approval.requested_by_id, approvers)
    if any(person.pk == user.pk for person in people):
        return True
    # A coordinator who is not listed (e.g. an administrator) stands in only where no unit
    # approver exists.
    return not by_unit and access.is_coordinator(user)


def may_request(user, activity) -> bool:
    return activity.kind == ActivityKind.TRIP and activity.is_editable_by(user)


def may_manage_approvers(user) -> bool:
    return access.is_coordinator(user)


# --- reading ------------------------------------------------------------------------------


def visible_trip(user, pk) -> Activity | None:
    """The trip if ``user`` may see it, with what the approval pages show."""
    return (
        Activity.objects.visible_to(user)
        .filter(kind=ActivityKind.TRIP, pk=pk)
        .select_related("unit", "trip_approval__approver", "trip_approval__requested_by")
        .prefetch_related("objectives__plan", "countries", "cities__country")
        .first()
    )


def approval_of(activity) -> TripApproval | None:
    try:
        approval = activity.trip_approval
    except TripApproval.DoesNotExist:
        return None
    return approval if approval.pk is not None else None


def report_is_open(activity, today: date | None = None) -> bool:
    """The report can be written from the trip's last day on."""
    return (today or timezone.localdate()) >= activity.end_date


def report_due_date(activity) -> date:
    return activity.end_date + timedelta(days=REPORT_DUE_DAYS)


def queue_for(user) -> list[TripApproval]:
    """Requests waiting for ``user``'s decision, the oldest first."""
    if not user.is_authenticated:
        return []
    waiting = list(
        TripApproval.objects.filter(state=ApprovalState.SUBMITTED)
        .exclude(requested_by=user)
        .filter(activity__in=Activity.objects.visible_to(user))
        .select_related("activity__unit", "requested_by")
        .order_by("submitted_at", "pk")
    )
    if not waiting:
        return []
    # Approvers are few: read them once and decide in Python rather than per request.
    chains = {a.pk: unit_chain(a.activity.unit) for a in waiting}
    approvers = _approvers_by_unit({unit_id for chain in chains.values() for unit_id in chain})
    return [a for a in waiting if may_decide(user, a, approvers)]


def reports_due(user, today: date | None = None):
    """Approved trips that have ended without a report: those of the user's unit and the units
    below it (all units for coordinators), the oldest first; ``overdue`` marks the late ones."""
    today = today or timezone.localdate()
    trips = (
        Activity.objects.visible_to(user)
        .filter(
            kind=ActivityKind.TRIP,
            trip_approval__state=ApprovalState.APPROVED,
            trip_approval__reported_at__isnull=True,
            end_date__lte=today,
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("unit")
        .order_by("end_date", "pk")
    )
    if not access.is_coordinator(user):
        if user.unit_id is None:
            return Activity.objects.none()
        trips = trips.filter(unit__path__startswith=user.unit.path)
    overdue_before = today - timedelta(days=REPORT_DUE_DAYS)
    return _mark_overdue(trips, overdue_before)


def _mark_overdue(trips, overdue_before: date):
    return trips.annotate(
        overdue=Case(
            When(end_date__lt=overdue_before, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


# --- writing ------------------------------------------------------------------------------


def _now():
    return timezone.now()


def _link(name: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[pk])


def _send(user, template: str, context: dict) -> bool:
    if not user or not user.email or not user.is_active:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"register/trips/email/{template}_subject.txt", context)
        body = render_to_string(f"register/trips/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True


def _notify_approvers(approval: TripApproval, again: bool = False) -> int:
    activity = approval.activity
    sent = 0
    for user in notified_approvers(activity, approval.requested_by_id):
        sent += _send(
            user,
            "submitted",
            {
                "user": user,
                "activity": activity,
                "approval": approval,
                "again": again,
                "link": _link("register:trip-approval", activity.pk),
            },
        )
    return sent


def _check_can_request(user, activity) -> None:
    if not may_request(user, activity):
        raise PermissionDenied


@transaction.atomic
def save_request(activity, user, values: dict, expected_version: int | None) -> TripApproval:
    """Create or change the request. Changing an approved one sends it back for approval;
    changing a rejected one makes it a draft to submit again."""
    _check_can_request(user, activity)
    approval = approval_of(activity)
    if approval is None:
        approval = TripApproval(activity=activity, created_by=user, requested_by=user, **values)
        approval.modified_by = user
        approval._history_user = user
        approval.save()
        return approval
    approval = TripApproval.objects.select_related("activity__unit").get(pk=approval.pk)
    changed = [name for name in REQUEST_FIELDS if getattr(approval, name) != values[name]]
    for name, value in values.items():
        setattr(approval, name, value)
    approval.modified_by = user
    approval._history_user = user
    reapprove = approval.state == ApprovalState.APPROVED and bool(changed)
    if reapprove:
        _back_for_approval(approval, _("the request was changed"))
    elif approval.state == ApprovalState.REJECTED:
        approval.state = ApprovalState.DRAFT
    save_versioned(approval, expected_version)
    if reapprove:
        transaction.on_commit(lambda: _notify_approvers(approval, again=True))
    return approval


def _back_for_approval(approval: TripApproval, reason: str) -> None:
    approval.state = ApprovalState.SUBMITTED
    approval.submitted_at = _now()
    approval.decided_at = None
    approval.reapproval_reason = reason[:300]


@transaction.atomic
def submit(approval: TripApproval, user, today: date | None = None) -> TripApproval:
    """Send a draft (or a rejected request) to the approvers."""
    activity = approval.activity
    _check_can_request(user, activity)
    approval = TripApproval.objects.select_for_update().get(pk=approval.pk)
    approval.activity = activity
    if approval.state not in (ApprovalState.DRAFT, ApprovalState.REJECTED):
        raise TripRefused(_("Only a draft or a rejected request can be submitted."))
    if (today or timezone.localdate()) > activity.end_date:
        raise TripRefused(_("The trip has already ended: it can no longer be approved in advance."))
    approval.state = ApprovalState.SUBMITTED
    approval.submitted_at = _now()
    approval.requested_by = user
    approval.decided_at = None
    approval.approver = None
    approval.decision_note = ""
    approval.reapproval_reason = ""
    approval.modified_by = user
    approval._history_user = user
    approval.version += 1
    approval.save()
    transaction.on_commit(lambda: _notify_approvers(approval))
    return approval


@transaction.atomic
def decide(
    approval: TripApproval, user, *, approve: bool, note: str, expected_version: int | None
) -> TripApproval:
    """Approve or reject a submitted request; the requester is told by e-mail."""
    activity = approval.activity
    if user.is_authenticated and user.pk == approval.requested_by_id:
        raise TripRefused(_("You cannot decide on a request you made yourself."))
    if not may_decide(user, approval):
        raise PermissionDenied
    if approval.state != ApprovalState.SUBMITTED:
        raise TripRefused(_("Only a request waiting for approval can be decided."))
    note = note.strip()
    if not approve and not note:
        raise TripRefused(_("Tell the requester why the trip is not approved."))
    approval.state = ApprovalState.APPROVED if approve else ApprovalState.REJECTED
    approval.approver = user
    approval.decided_at = _now()
    approval.decision_note = note
    approval.modified_by = user
    approval._history_user = user
    save_versioned(approval, expected_version)
    requester = approval.requested_by or activity.created_by
    context = {
        "user": requester,
        "activity": activity,
        "approval": approval,
        "approver": user,
        "link": _link("register:trip-approval", activity.pk),
    }
    transaction.on_commit(lambda: _send(requester, "decided", context))
    return approval


@transaction.atomic
def save_report(approval: TripApproval, user, *, report: str, benefit: str, today=None):
    activity = approval.activity
    if not activity.is_editable_by(user):
        raise PermissionDenied
    if approval.state != ApprovalState.APPROVED:
        raise TripRefused(_("Only an approved trip is reported back."))
    if not report_is_open(activity, today):
        raise TripRefused(_("The report can be written from the trip's last day on."))
    approval = TripApproval.objects.select_for_update().get(pk=approval.pk)
    approval.activity = activity
    approval.report = report.strip()
    approval.report_benefit = benefit.strip()
    if approval.reported_at is None:
        approval.reported_at = _now()
    approval.reported_by = user
    approval.modified_by = user
    approval._history_user = user
    approval.version += 1
    approval.save()
    return approval


def add_approver(user, unit: OrganisationUnit, approver: User) -> TripApprover:
    if not may_manage_approvers(user):
        raise PermissionDenied
    row, _created = TripApprover.objects.get_or_create(unit=unit, user=approver)
    return row


def remove_approver(user, pk: int) -> None:
    if not may_manage_approvers(user):
        raise PermissionDenied
    TripApprover.objects.filter(pk=pk).delete()


# --- a changed trip goes back for approval ---------------------------------------------------


@receiver(pre_save, sender=Activity, dispatch_uid="trips-remember-key-fields")
def _remember_key_fields(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = (
        Activity.objects.filter(pk=instance.pk, trip_approval__state=ApprovalState.APPROVED)
        .values(*KEY_FIELDS)
        .first()
    )
    if before is not None:
        changed = [name for name in KEY_FIELDS if getattr(instance, name) != before[name]]
        instance._trip_changed = changed


@receiver(post_save, sender=Activity, dispatch_uid="trips-reapprove-on-change")
def _reapprove_on_change(sender, instance, created=False, raw=False, **kwargs):
    changed = getattr(instance, "_trip_changed", None)
    instance._trip_changed = None
    if raw or created or not changed:
        return
    labels = [str(Activity._meta.get_field(name).verbose_name) for name in changed]
    send_back(instance, _("the trip was changed: %(fields)s") % {"fields": ", ".join(labels)})


def _links_changed(sender, instance, action, reverse=False, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if not isinstance(instance, Activity) or instance.kind != ActivityKind.TRIP:
        return
    field = next(f for f in KEY_LINKS if getattr(Activity, f).through is sender)
    label = str(Activity._meta.get_field(field).verbose_name)
    send_back(instance, _("the trip was changed: %(fields)s") % {"fields": label})


for _name in KEY_LINKS:
    m2m_changed.connect(
        _links_changed,
        sender=getattr(Activity, _name).through,
        dispatch_uid=f"trips-reapprove-on-{_name}",
    )


def send_back(activity, reason: str) -> bool:
    """Send an approved trip's request back for approval (e-mailing the approvers)."""
    approval = (
        TripApproval.objects.filter(activity=activity, state=ApprovalState.APPROVED)
        .select_related("activity__unit")
        .first()
    )
    if approval is None:
        return False
    _back_for_approval(approval, reason)
    approval.version += 1
    approval.save()
    transaction.on_commit(lambda: _notify_approvers(approval, again=True))
    return True


# --- the public travel register -----------------------------------------------------------


def public_trips(year: int | None = None, person: str = ""):
    """Approved trips of elected members and directors, as the public sees them.

    Confidential trips never appear; internal ones do (travel at public expense by the city's
    elected members and directors is public), with the limited fields the register shows.
    Cancelled trips did not happen and are left out.
    """
    trips = (
        Activity.objects.filter(
            kind=ActivityKind.TRIP,
            delegation_level__in=DelegationLevel.senior(),
            trip_approval__state=ApprovalState.APPROVED,
        )
        .exclude(visibility=Visibility.CONFIDENTIAL)
        .exclude(status=ActivityStatus.CANCELLED)
    )
    if year:
        trips = trips.filter(start_date__gte=date(year, 1, 1), start_date__lte=date(year, 12, 31))
    person = person.strip()
    if person:
        trips = trips.filter(Q(participants__icontains=person))
    return trips


def public_rows(trips):
    """Only the fields the public register shows, with destinations, newest first."""
    return (
        trips.select_related("unit", "trip_approval")
        .only(
            "pk",
            "title",
            "start_date",
            "end_date",
            "delegation_level",
            "participants",
            "actual_cost",
            "unit__name",
            "unit__name_fi",
            "unit__name_sv",
            "unit__name_en",
            "trip_approval__estimated_cost",
            "trip_approval__report",
            "trip_approval__report_benefit",
            "trip_approval__reported_at",
        )
        .prefetch_related("countries", "cities")
        .order_by("-start_date", "-pk")
    )


def public_years() -> list[int]:
    return sorted({day.year for day in public_trips().dates("start_date", "year")}, reverse=True)


# --- the demo ---------------------------------------------------------------------------------

DEMO_TEXTS = {
    "aims": "Esimerkki: tapaamiset kohdekaupungin johdon ja yritysten kanssa.",
    "expected_benefit": "Esimerkki: edistää suunnitelman tavoitteita yhteistyöllä ja näkyvyydellä.",
    "why_not_virtual": "Esimerkki: kohdevierailu ja verkostotapaamiset edellyttävät läsnäoloa.",
    "report": "Esimerkki: tapaamiset pidettiin suunnitellusti; sovittiin jatkoyhteydenpidosta.",
    "report_benefit": "Esimerkki: kaksi uutta yhteistyöavausta ja kutsu seuraavaan tapahtumaan.",
}


def seed_demo_approvals(today: date | None = None) -> int:
    """Give the demo's outgoing trips approvals in every state (idempotent: trips that have one
    keep it). Past trips are mostly approved and reported, a few reports overdue; future ones
    are drafts, waiting or approved. Returns the number of approvals created."""
    import random

    today = today or timezone.localdate()
    coordinators = _coordinators()
    decider = coordinators[0] if coordinators else None
    trips = (
        # Only the generated example register: trips people add in the demo keep their state.
        Activity.objects.filter(kind=ActivityKind.TRIP, source="demo", trip_approval__isnull=True)
        .exclude(status=ActivityStatus.CANCELLED)
        .only("pk", "start_date", "end_date", "budget", "actual_cost", "created_by_id")
        .order_by("pk")
    )
    now = timezone.now()
    created = []
    for trip in trips.iterator(chunk_size=2000):
        rng = random.Random(trip.pk)
        draw = rng.random()
        if trip.end_date < today:
            state = ApprovalState.APPROVED if draw < 0.93 else ApprovalState.REJECTED
        else:
            state = (
                ApprovalState.APPROVED
                if draw < 0.5
                else ApprovalState.SUBMITTED
                if draw < 0.85
                else ApprovalState.DRAFT
            )
        overdue = trip.end_date < today - timedelta(days=REPORT_DUE_DAYS)
        reported = state == ApprovalState.APPROVED and overdue and rng.random() < 0.85
        cost = trip.budget if trip.budget is not None else trip.actual_cost
        created.append(
            TripApproval(
                activity_id=trip.pk,
                aims=DEMO_TEXTS["aims"],
                expected_benefit=DEMO_TEXTS["expected_benefit"],
                why_not_virtual=DEMO_TEXTS["why_not_virtual"],
                estimated_cost=cost if cost is not None else 1200 + 100 * rng.randint(0, 30),
                state=state,
                requested_by_id=trip.created_by_id,
                approver=decider
                if state in (ApprovalState.APPROVED, ApprovalState.REJECTED)
                else None,
                submitted_at=now if state != ApprovalState.DRAFT else None,
                decided_at=now
                if state in (ApprovalState.APPROVED, ApprovalState.REJECTED)
                else None,
                decision_note=""
                if state != ApprovalState.REJECTED
                else "Esimerkki: osallistukaa etäyhteydellä.",
                report=DEMO_TEXTS["report"] if reported else "",
                report_benefit=DEMO_TEXTS["report_benefit"] if reported else "",
                reported_at=now if reported else None,
            )
        )
    TripApproval.objects.bulk_create(created, batch_size=1000)
    return len(created)
