"""The domain logic of visits: submitting a request, the workflow, the programme, outcomes and
the erasure of personal data. Views, the API, commands and tasks call these; they decide
nothing themselves."""

import logging
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from citydiplomacy.core import access
from citydiplomacy.core.concurrency import EditConflict, save_versioned
from citydiplomacy.core.models import OrganisationUnit, UnitKind

from . import programme, register_link, scoring, workflow
from .models import (
    ErasureLog,
    Outcome,
    ProgrammeItem,
    Transition,
    VisitRequest,
    VisitStatus,
)
from .triage import organisation_key
from .uploads import ALLOWED

logger = logging.getLogger(__name__)

#: The fields that hold the requester's personal data; erased after the retention period.
PERSONAL_FIELDS = ("contact_name", "contact_title", "contact_email", "contact_phone")


__all__ = ["EditConflict", "IllegalTransition"]


class IllegalTransition(Exception):
    """The step is not allowed from the request's status, or not for this user."""


# --- reading ---------------------------------------------------------------------------------


def visible_visits(user):
    """Requests the user may see: never the public (they use their secret status link)."""
    if not user.is_authenticated:
        return VisitRequest.objects.none()
    return VisitRequest.objects.visible_to(user)


def inbox(user):
    return visible_visits(user).select_related("country", "unit", "city")


def get_visit(user, pk) -> VisitRequest | None:
    return (
        visible_visits(user)
        .select_related("country", "city", "unit", "redirected_to")
        .prefetch_related(
            "themes",
            Prefetch("transitions", queryset=Transition.objects.select_related("by")),
            Prefetch("programme", queryset=ProgrammeItem.objects.select_related("host_unit")),
            Prefetch("outcomes", queryset=Outcome.objects.select_related("responsible_unit")),
        )
        .filter(pk=pk)
        .first()
    )


def by_status_token(token: str) -> VisitRequest | None:
    if not token or len(token) < 20:
        return None
    visit = VisitRequest.objects.filter(status_token=token).select_related("country").first()
    # The index finds the row; the comparison itself takes constant time.
    if visit is None or not secrets.compare_digest(visit.status_token, token):
        return None
    return visit


# --- submitting ------------------------------------------------------------------------------


def intake_unit() -> OrganisationUnit:
    """The unit that receives requests: as configured, else the city's top unit."""
    configured = scoring.current_settings().intake_unit
    if configured is not None:
        return configured
    unit = (
        OrganisationUnit.objects.exclude(kind__in=UnitKind.external())
        .filter(parent=None)
        .order_by("pk")
        .first()
    )
    if unit is None:
        raise RuntimeError("No organisation unit exists to receive visit requests.")
    return unit


def default_business_potential(organisation_type: str) -> str:
    """A starting point a coordinator adjusts: companies and business associations."""
    return "medium" if organisation_type == "business" else "none"


@transaction.atomic
def submit_request(
    data: dict, *, language: str, attachment=None, by=None, notify: bool = True
) -> VisitRequest:
    """Store a request from the public form (``data`` is the form's cleaned data), score it,
    and e-mail the requester the reference number in their language."""
    alternatives = [
        [start.isoformat(), end.isoformat()] for start, end in data.get("alternatives", [])
    ]
    visit = VisitRequest(
        reference=f"tmp-{secrets.token_hex(6)}",
        language=language,
        status_token=secrets.token_urlsafe(32),
        organisation_name=data["organisation_name"],
        organisation_key=organisation_key(data["organisation_name"]),
        organisation_type=data["organisation_type"],
        country=data["country"],
        city_name=data.get("city_name", ""),
        city=data.get("city"),
        delegation_size=data["delegation_size"],
        leader_level=data["leader_level"],
        leader_title=data.get("leader_title", ""),
        desired_start=data["desired_start"],
        desired_end=data["desired_end"],
        start_date=data["desired_start"],
        end_date=data["desired_end"],
        alternative_dates=alternatives,
        purpose=data["purpose"],
        wished_meetings=data.get("wished_meetings", ""),
        business_potential=default_business_potential(data["organisation_type"]),
        contact_name=data["contact_name"],
        contact_title=data.get("contact_title", ""),
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        received_at=data.get("received_at") or timezone.now(),
        unit=intake_unit(),
        created_by=by,
    )
    visit.save()
    # The reference comes from the row's id: unique without a race between processes.
    visit.reference = f"V{timezone.localdate(visit.received_at):%Y}-{visit.pk:05d}"
    update = ["reference"]
    if attachment is not None:
        content, content_type, name = attachment
        extension = ALLOWED[content_type][0]
        visit.attachment.save(f"{visit.reference}.{extension}", ContentFile(content), save=False)
        visit.attachment_type, visit.attachment_name = content_type, name[:200]
        update += ["attachment", "attachment_type", "attachment_name"]
    visit.save(update_fields=update)
    themes = list(data.get("themes") or [])
    visit.themes.set(themes)
    scoring.score(visit, theme_codes=[theme.code for theme in themes])
    emailed = notify and _email(visit, VisitStatus.RECEIVED)
    _log(visit, "", VisitStatus.RECEIVED, by, "", emailed=emailed)
    return visit


def _log(visit, from_status, to_status, by, note, emailed=False) -> Transition:
    return Transition.objects.create(
        visit=visit,
        from_status=from_status,
        to_status=to_status,
        by=by if by is not None and by.is_authenticated else None,
        note=note,
        emailed=emailed,
    )


def _email(visit, status: str, note: str = "") -> bool:
    """Queue the step's e-mail to the requester. Queued in the same transaction, so the
    worker sees it only if the step is committed; the request itself does not wait for mail."""
    from . import tasks

    kind = workflow.EMAILS.get(status)
    if kind is None or not visit.contact_email:
        return False
    tasks.email_requester.enqueue(visit.pk, kind, note)
    return True


# --- the workflow ----------------------------------------------------------------------------


def may_take(user, visit, target: str) -> bool:
    """Coordinators take every step; editors of the handling unit run the visit once it is
    accepted (programme, confirmation, held, follow-up, closing)."""
    if access.is_coordinator(user):
        return True
    if target in workflow.COORDINATOR_ONLY or visit.status in (
        VisitStatus.RECEIVED,
        VisitStatus.TRIAGED,
    ):
        return False
    return access.can_create(user) and visit.is_editable_by(user)


def available_steps(user, visit) -> list[str]:
    """The steps ``user`` may take now. A received request can be decided at once (the
    triage step is then recorded on the way)."""
    steps = list(workflow.next_statuses(visit.status))
    if visit.status == VisitStatus.RECEIVED:
        steps = [VisitStatus.ACCEPTED, VisitStatus.REDIRECTED, *steps]
    return [s for s in steps if may_take(user, visit, s)]


@dataclass
class Decision:
    note: str = ""
    redirected_to: OrganisationUnit | None = None
    redirected_partner: str = ""
    dates: tuple[date, date] | None = None


def transition(visit, target: str, by, decision: Decision | None = None, version=None, notify=True):
    """Move ``visit`` to ``target``: refused when the workflow does not allow it from the
    current status or the user may not take it. Records who and when, e-mails the requester
    where the step has an e-mail, and records a held visit in the register."""
    decision = decision or Decision()
    with transaction.atomic():
        current = VisitRequest.objects.select_for_update().get(pk=visit.pk)
        if version is not None and current.version != version:
            raise IllegalTransition(
                _("Someone else changed this request while you were viewing it; reload it.")
            )
        steps = [target]
        # A decision taken straight from "received" records the triage step first.
        if current.status == VisitStatus.RECEIVED and target in (
            VisitStatus.ACCEPTED,
            VisitStatus.REDIRECTED,
        ):
            steps = [VisitStatus.TRIAGED, target]
        for step in steps:
            _step(current, step, by, decision, notify)
    visit.refresh_from_db()
    return visit


def _step(visit, target, by, decision: Decision, notify: bool = True) -> None:
    if not workflow.is_allowed(visit.status, target):
        raise IllegalTransition(
            _("A request that is %(current)s cannot be %(target)s.")
            % {
                "current": VisitStatus(visit.status).label.lower(),
                "target": VisitStatus(target).label.lower(),
            }
        )
    if by is not None and not may_take(by, visit, target):
        raise IllegalTransition(_("You may not take this step."))
    if target == VisitStatus.REDIRECTED:
        if decision.redirected_to is None and not decision.redirected_partner.strip():
            raise IllegalTransition(_("Name the unit or the partner the request goes to."))
        visit.redirected_to = decision.redirected_to
        visit.redirected_partner = decision.redirected_partner.strip()
        if decision.redirected_to is not None:
            visit.unit = decision.redirected_to  # the unit now handles (and sees) it
    if target == VisitStatus.ACCEPTED and decision.dates is not None:
        visit.start_date, visit.end_date = decision.dates
    if target in workflow.DECISIONS:
        visit.decision = workflow.DECISIONS[target]
    if target in workflow.FINISHED:
        visit.finished_at = timezone.now()
    if decision.note and target in workflow.EMAILS:
        visit.decision_note = decision.note
    previous = visit.status
    visit.status = target
    visit.modified_by = by
    visit.version += 1
    visit.save()
    emailed = notify and _email(visit, target, decision.note)
    _log(visit, previous, target, by, decision.note, emailed)
    if target == VisitStatus.HELD:
        register_link.record_visit(visit, by)


def save_triage(visit, by, *, business_potential: str, version=None) -> VisitRequest:
    """The coordinator's triage: business potential set, the score recomputed, and a received
    request marked triaged."""
    if not access.is_coordinator(by):
        raise IllegalTransition(_("You may not take this step."))
    with transaction.atomic():
        visit.business_potential = business_potential
        visit.modified_by = by
        save_versioned(visit, version, fields=["business_potential"])
        scoring.score(visit)
        if visit.status == VisitStatus.RECEIVED:
            transition(visit, VisitStatus.TRIAGED, by)
    visit.refresh_from_db()
    return visit


def rescore(visit) -> None:
    scoring.score(visit)


# --- the programme ---------------------------------------------------------------------------


def _slot(item: ProgrammeItem) -> programme.Slot:
    return programme.Slot(
        item.pk, item.visit_id, item.starts_at, item.ends_at, item.host_name, item.venue
    )


def programme_clashes(visit) -> dict[int, list]:
    """Every double booking of a host or venue in the visit's programme, by item id, with the
    clashing item (of this or another visit that is not declined)."""
    items = list(visit.programme.all())
    if not items:
        return {}
    low = min(item.starts_at for item in items)
    high = max(item.ends_at for item in items)
    others = (
        ProgrammeItem.objects.filter(starts_at__lt=high, ends_at__gt=low)
        .exclude(visit__status=VisitStatus.DECLINED)
        .select_related("visit")
    )
    others_by_id = {other.pk: other for other in others}
    found: dict[int, list] = {}
    for clash in programme.clashes(
        [_slot(item) for item in items], [_slot(other) for other in others_by_id.values()]
    ):
        found.setdefault(clash.item_id, []).append((clash, others_by_id[clash.other_id]))
    return found


def _check_programme_editable(visit, by) -> None:
    if visit.status not in workflow.PROGRAMME_EDITABLE:
        raise IllegalTransition(_("The programme can be edited once the visit is accepted."))
    if not (access.is_coordinator(by) or visit.is_editable_by(by)):
        raise IllegalTransition(_("You may not take this step."))


@transaction.atomic
def add_programme_item(visit, by, notify=True, **fields) -> ProgrammeItem:
    """Add an agenda item; the first one moves an accepted visit to "programme"."""
    _check_programme_editable(visit, by)
    item = ProgrammeItem.objects.create(visit=visit, created_by=by, modified_by=by, **fields)
    if visit.status == VisitStatus.ACCEPTED:
        transition(visit, VisitStatus.PROGRAMME, by, notify=notify)
    return item


@transaction.atomic
def delete_programme_item(item, by) -> None:
    _check_programme_editable(item.visit, by)
    item.delete()


# --- outcomes --------------------------------------------------------------------------------


@transaction.atomic
def add_outcome(visit, by, **fields) -> Outcome:
    """Record a lead, an agreement or a follow-up action of a held visit; the register's
    activity shows the outcomes."""
    if visit.status not in workflow.OUTCOMES_EDITABLE:
        raise IllegalTransition(_("Outcomes are recorded once the visit has been held."))
    if not (access.is_coordinator(by) or visit.is_editable_by(by)):
        raise IllegalTransition(_("You may not take this step."))
    outcome = Outcome.objects.create(visit=visit, created_by=by, modified_by=by, **fields)
    register_link.record_visit(visit, by)
    return outcome


# --- privacy ---------------------------------------------------------------------------------


def erase_personal_data(visit, reason: str) -> list[str]:
    """Blank the requester's personal data and the attachment; log the erasure."""
    erased = [name for name in PERSONAL_FIELDS if getattr(visit, name)]
    for name in PERSONAL_FIELDS:
        setattr(visit, name, "")
    if visit.attachment:
        visit.attachment.delete(save=False)
        erased.append("attachment")
    if visit.status_token:
        erased.append("status_token")
    visit.attachment = ""
    visit.attachment_name = ""
    visit.status_token = ""
    visit.personal_data_erased_at = timezone.now()
    visit.save(
        update_fields=[
            *PERSONAL_FIELDS,
            "attachment",
            "attachment_name",
            "status_token",
            "personal_data_erased_at",
        ]
    )
    ErasureLog.objects.create(
        reference=visit.reference, finished_at=visit.finished_at, fields=erased, reason=reason
    )
    logger.info("Erased the personal data of visit request %s (%s)", visit.reference, reason)
    return erased


def erase_expired(now=None) -> int:
    """Erase the personal data of every request finished longer ago than the retention
    period; returns how many requests were erased."""
    from . import ratelimit

    now = now or timezone.now()
    days = scoring.current_settings().retention_days
    cutoff = now - timedelta(days=days)
    due = VisitRequest.objects.filter(
        status__in=workflow.FINISHED,
        finished_at__lt=cutoff,
        personal_data_erased_at=None,
    )
    count = 0
    for visit in due.iterator():
        with transaction.atomic():
            erase_personal_data(visit, f"retention {days} days after the request was finished")
        count += 1
    ratelimit.prune(now)
    return count
