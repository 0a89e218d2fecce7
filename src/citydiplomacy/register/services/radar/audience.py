"""Who sees a finding, dismissing it, the daily digest and what pages show of findings."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from citydiplomacy.core import access
from citydiplomacy.core.models import OrganisationUnit
from citydiplomacy.plan.models import Measure

from ...models import (
    Activity,
    FindingKind,
    RadarFinding,
)
from .store import KEY_MODELS, FindingActivity, FindingUnit

# --- who sees a finding -------------------------------------------------------------------------


def visible_findings(user):
    """Findings ``user`` may see: coordinators all; the city's own users the findings that
    involve their unit or its sub-units and of which they may see every activity (so a
    confidential activity is never revealed to another unit); partners and anonymous none."""
    findings = RadarFinding.objects.all()
    if access.is_coordinator(user):
        return findings
    if not user.is_authenticated or user.role == "partner" or user.unit_id is None:
        return findings.none()
    own_units = OrganisationUnit.objects.filter(path__startswith=user.unit.path).values("pk")
    involves_own = Exists(
        FindingUnit.objects.filter(
            radarfinding_id=OuterRef("pk"), organisationunit_id__in=own_units
        )
    )
    hidden_activity = Exists(
        FindingActivity.objects.filter(radarfinding_id=OuterRef("pk")).exclude(
            activity__in=Activity.objects.visible_to(user).values("pk")
        )
    )
    visible_measure = Q(measure__isnull=True) | Q(
        measure__in=Measure.objects.visible_to(user).values("pk")
    )
    return findings.filter(involves_own, visible_measure).exclude(hidden_activity)


def involving_unit(unit) -> Exists:
    """The condition: the finding concerns ``unit`` or one of its sub-units."""
    return Exists(
        FindingUnit.objects.filter(
            radarfinding_id=OuterRef("pk"), organisationunit__path__startswith=unit.path
        )
    )


def _coming() -> Q:
    """Findings someone can still act on: activity not yet over, or a measure left idle."""
    return Q(end_date__gte=timezone.localdate()) | Q(kind=FindingKind.IDLE_MEASURE)


def actionable(findings):
    return findings.filter(_coming())


def ordered(findings):
    """Current and coming findings first (soonest first), then past ones (latest first)."""
    from django.db.models import IntegerField

    coming = _coming()
    return findings.order_by(
        Case(When(coming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        Case(When(coming, then=F("start_date"))).asc(nulls_first=True),
        F("start_date").desc(nulls_last=True),
        "-pk",
    )


def open_findings(user):
    return visible_findings(user).filter(dismissed_at__isnull=True, resolved_at__isnull=True)


def can_dismiss(user, finding: RadarFinding) -> bool:
    """Coordinators, and the editors of a unit concerned who may see the finding."""
    if access.is_coordinator(user):
        return True
    if not access.can_create(user):
        return False
    return visible_findings(user).filter(pk=finding.pk).exists()


def dismiss(finding: RadarFinding, user, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required")
    RadarFinding.objects.filter(pk=finding.pk).update(
        dismissed_at=timezone.now(), dismissed_by=user, dismiss_reason=reason
    )
    finding.refresh_from_db()


def with_details(findings: list[RadarFinding]) -> list[RadarFinding]:
    """Attach to each finding its activities (``.activity_list``), units (``.unit_list``) and
    shared key (``.key_object``, named in the active language), in a few queries."""
    ids = [f.pk for f in findings]
    activities, units = defaultdict(list), defaultdict(list)
    links = FindingActivity.objects.filter(radarfinding_id__in=ids).select_related("activity__unit")
    for link in links.order_by("activity__start_date", "activity_id"):
        activities[link.radarfinding_id].append(link.activity)
    for link in FindingUnit.objects.filter(radarfinding_id__in=ids).select_related(
        "organisationunit"
    ):
        units[link.radarfinding_id].append(link.organisationunit)
    wanted = defaultdict(set)
    for finding in findings:
        if finding.key_type in KEY_MODELS and finding.key_id:
            wanted[finding.key_type].add(finding.key_id)
    objects = {
        (key_type, obj.pk): obj
        for key_type, model in KEY_MODELS.items()
        for obj in model.objects.filter(pk__in=sorted(wanted.get(key_type, ())))
    }
    measures = Measure.objects.in_bulk([f.measure_id for f in findings if f.measure_id])
    for finding in findings:
        finding.activity_list = activities[finding.pk]
        finding.unit_list = sorted(units[finding.pk], key=lambda u: u.path)
        finding.key_object = objects.get((finding.key_type, finding.key_id))
        if finding.measure_id:
            finding.key_object = measures.get(finding.measure_id)
    return findings


# --- the daily e-mail digest ------------------------------------------------------------------


def digest_recipients():
    """Who may hear about findings: active users with an e-mail address who are coordinators or
    belong to one of the city's units (partners never)."""
    from citydiplomacy.core.models import Role, User

    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .exclude(role=Role.PARTNER)
        .filter(
            Q(role__in=[Role.COORDINATOR, Role.ADMIN])
            | Q(is_superuser=True)
            | Q(unit__isnull=False)
        )
        .select_related("unit")
        .order_by("pk")
    )


def send_digest() -> int:
    """E-mail each person concerned the findings they may see that are new since the last
    digest, in their own language; nobody hears of nothing. Returns the e-mails sent."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    unsent = RadarFinding.objects.filter(notified_at__isnull=True)
    # Findings about activity already over are marked sent without mailing anyone.
    unsent.exclude(_coming()).update(notified_at=timezone.now())
    new_ids = list(
        actionable(unsent)
        .filter(dismissed_at__isnull=True, resolved_at__isnull=True)
        .values_list("pk", flat=True)
    )
    if not new_ids:
        return 0
    link = settings.SITE_URL + reverse("register:radar")
    sent = 0
    for user in digest_recipients():
        findings = list(
            visible_findings(user).filter(pk__in=new_ids).order_by("kind", "start_date", "pk")
        )
        if not findings:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            with_details(findings)
            context = {"user": user, "findings": findings, "link": link, "count": len(findings)}
            subject = render_to_string("register/email/radar_digest_subject.txt", context).strip()
            body = render_to_string("register/email/radar_digest.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    RadarFinding.objects.filter(pk__in=new_ids).update(notified_at=timezone.now())
    return sent


# --- what pages show ----------------------------------------------------------------------------


def dashboard_panel(user, limit: int = 5) -> dict | None:
    """The home dashboard's radar panel: how many open findings concern ``user``, the newest."""
    if not (access.is_coordinator(user) or (user.role != "partner" and user.unit_id)):
        return None
    # Past overlaps are history, not work: the dashboard counts what can still be acted on.
    shown = actionable(open_findings(user))
    latest = with_details(list(ordered(shown)[:limit]))
    return {"count": shown.count(), "latest": latest}


def detail_findings(user, activity) -> list[RadarFinding]:
    """The open findings of one activity that ``user`` may see (for the activity's page)."""
    findings = list(open_findings(user).filter(activities=activity).order_by("kind", "pk"))
    with_details(findings)
    for finding in findings:
        finding.can_dismiss = can_dismiss(user, finding)
    return findings
