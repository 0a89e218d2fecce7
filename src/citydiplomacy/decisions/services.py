"""The decisions' domain logic: import (see ``importing``), links to the plan and their
suggestions, follow-ups of deadlines, and the queries the pages, the timeline and the report
read through. Every query that returns decisions starts from ``Decision.objects.visible_to``.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Q
from django.utils import timezone

from citydiplomacy.plan.models import Measure, Objective, Plan

from . import linking
from .deadlines import find_deadlines
from .importing import ImportRefused, ImportSummary, import_files, owning_unit
from .models import Decision, FollowUp, FollowUpStatus, LinkStatus, PlanLink

__all__ = [
    "ImportRefused",
    "ImportSummary",
    "confirm_follow_up",
    "confirm_link",
    "decisions_for_plan",
    "import_files",
    "owning_unit",
    "propose_follow_ups",
    "reject_link",
    "suggest_links",
]

TARGETS = {"plan": Plan, "objective": Objective, "measure": Measure}
EDITIONS_FOLLOWED = 20  # earlier versions of a plan whose decisions a plan page still shows


# Links to the plan -------------------------------------------------------------------------


def suggest_links(decision: Decision) -> list[PlanLink]:
    """Suggest the plan items ``decision`` is probably about; keep what people decided.

    Suggestions are refreshed: new ones are added, scores updated, and suggestions no longer
    made are removed. Confirmed and rejected links are never touched.
    """
    candidates = _candidates(decision.language)
    facts = linking.DecisionFacts(
        title=decision.title,
        text="\n\n".join(
            filter(None, [decision.decision, decision.proposal, decision.justification])
        ),
        diary_number=decision.diary_number,
        classification_code=decision.classification_code,
        year=decision.meeting_date.year if decision.meeting_date else None,
    )
    existing = {_key(link): link for link in decision.links.all()}
    kept = []
    for suggestion in linking.suggest(facts, candidates):
        link = existing.pop(suggestion.key, None)
        if link is None:
            kind, pk = suggestion.key
            link = PlanLink(decision=decision, **{f"{kind}_id": pk})
        if link.status == LinkStatus.SUGGESTED and (
            link.pk is None or (link.score, link.reasons) != (suggestion.score, suggestion.reasons)
        ):
            link.score, link.reasons = suggestion.score, suggestion.reasons
            link.save()
        kept.append(link)
    stale = [link.pk for link in existing.values() if link.status == LinkStatus.SUGGESTED]
    PlanLink.objects.filter(pk__in=stale).delete()
    return kept


def _key(link: PlanLink) -> tuple:
    kind = link.target_kind
    return (kind, getattr(link, f"{kind}_id"))


def _candidates(language: str) -> list[linking.Candidate]:
    """Every plan, objective and measure, titled in the decision's language."""
    cases = _confirmed_cases()
    candidates = []
    for plan in Plan.objects.all():
        own = {getattr(plan, "diary_number", "")} - {""}  # if plans ever record their case
        candidates.append(_candidate("plan", plan, plan, language, cases, own))
    for kind in ("objective", "measure"):
        for item in TARGETS[kind].objects.select_related("plan"):
            candidates.append(_candidate(kind, item, item.plan, language, cases))
    return candidates


def _candidate(kind, item, plan, language, cases, own=frozenset()) -> linking.Candidate:
    title = getattr(item, f"title_{language}", None) or getattr(item, "title_fi", None)
    return linking.Candidate(
        key=(kind, item.pk),
        kind=kind,
        title=title or item.title,
        diary_numbers=frozenset(cases.get((kind, item.pk), set()) | set(own)),
        years=(plan.start_year, plan.end_year),
    )


def _confirmed_cases() -> dict[tuple, set[str]]:
    """(kind, pk) → diary numbers of the decisions confirmed for that plan item."""
    cases: dict[tuple, set[str]] = {}
    rows = (
        PlanLink.objects.filter(status=LinkStatus.CONFIRMED)
        .exclude(decision__diary_number="")
        .values_list("plan_id", "objective_id", "measure_id", "decision__diary_number")
    )
    for plan_id, objective_id, measure_id, diary_number in rows:
        if measure_id:
            key = ("measure", measure_id)
        else:
            key = ("objective", objective_id) if objective_id else ("plan", plan_id)
        cases.setdefault(key, set()).add(diary_number)
    return cases


def confirm_link(link: PlanLink, user) -> PlanLink:
    """A person says the decision is about the item: it shows on the item's timeline."""
    return _decide(link, user, LinkStatus.CONFIRMED)


def reject_link(link: PlanLink, user) -> PlanLink:
    """A person says it is not; the suggestion is not made again."""
    return _decide(link, user, LinkStatus.REJECTED)


def _decide(link: PlanLink, user, status: str) -> PlanLink:
    link.status = status
    link.decided_by = user if user is not None and user.is_authenticated else None
    link.decided_at = timezone.now()
    link.modified_by = link.decided_by
    link.save()
    return link


def link_to(decision: Decision, target, user) -> PlanLink:
    """Confirm ``decision`` for ``target`` (a plan, objective or measure), suggested or not."""
    kind = {Plan: "plan", Objective: "objective", Measure: "measure"}[type(target)]
    link, _ = PlanLink.objects.get_or_create(
        decision=decision, **{kind: target}, defaults={"created_by": user}
    )
    return confirm_link(link, user)


def confirmed_links(user):
    """Confirmed links whose decision ``user`` may see (the plan item is checked by callers)."""
    return PlanLink.objects.filter(
        status=LinkStatus.CONFIRMED, decision__in=Decision.objects.visible_to(user)
    )


@dataclass
class PlanDecision:
    """A decision on a plan's page: the decision and the items of the plan it is linked to."""

    decision: Decision
    links: list[PlanLink] = field(default_factory=list)


def decisions_for_plan(plan: Plan, user) -> list[PlanDecision]:
    """Confirmed decisions about ``plan``, its objectives and measures (and about its earlier
    versions as a whole) that ``user`` may see, newest first."""
    editions = _editions(plan, user)
    measures = Measure.objects.visible_to(user).filter(plan=plan)
    links = (
        confirmed_links(user)
        .filter(Q(plan__in=editions) | Q(objective__plan=plan) | Q(measure__in=measures))
        .select_related("decision__policymaker", "plan", "objective", "measure")
        .order_by(F("decision__meeting_date").desc(nulls_last=True), "decision_id", "id")
    )
    grouped: dict[int, PlanDecision] = {}
    for link in links:
        grouped.setdefault(link.decision_id, PlanDecision(link.decision)).links.append(link)
    return list(grouped.values())


def _editions(plan: Plan, user) -> list[int]:
    """The plan and its earlier versions that ``user`` may see."""
    ids, previous = [plan.pk], plan.previous_edition_id
    visible = Plan.objects.visible_to(user)
    while previous and len(ids) <= EDITIONS_FOLLOWED:
        row = visible.filter(pk=previous).values_list("pk", "previous_edition_id").first()
        if row is None:
            break
        ids.append(row[0])
        previous = row[1]
    return ids


def links_for_item(item, user):
    """Confirmed links to one plan item (plan, objective or measure) ``user`` may see."""
    kind = {Plan: "plan", Objective: "objective", Measure: "measure"}.get(type(item))
    if kind is None:
        return PlanLink.objects.none()
    return confirmed_links(user).filter(**{kind: item}).select_related("decision__policymaker")


def visible_links(decision: Decision, user) -> list[PlanLink]:
    """The decision's links whose plan item ``user`` may see, best first."""
    links = decision.links.select_related("plan", "objective__plan", "measure__plan")
    plans = set(Plan.objects.visible_to(user).values_list("pk", flat=True))
    measures = Measure.objects.visible_to(user).filter(decision_links__decision=decision)
    visible_measures = set(measures.values_list("pk", flat=True))
    return [
        link
        for link in links.order_by("-score", "id")
        if (
            link.measure_id in visible_measures if link.measure_id else link.target_plan.pk in plans
        )
    ]


# Follow-ups ----------------------------------------------------------------------------------


def propose_follow_ups(decision: Decision) -> list[FollowUp]:
    """Propose a follow-up for every deadline the decision's text sets (from its meeting on).

    Proposals no longer in the text go; follow-ups a person has acted on stay.
    """
    text = "\n\n".join(filter(None, [decision.decision, decision.proposal, decision.justification]))
    found = find_deadlines(text, decision.language)
    if decision.meeting_date:  # a date before the meeting is history, not a deadline
        found = [d for d in found if d.due_date >= decision.meeting_date]
    existing = {(f.excerpt, f.found_date): f for f in decision.follow_ups.all()}
    result = []
    for deadline in found:
        key = (deadline.excerpt[:500], deadline.due_date)
        follow_up = existing.pop(key, None) or FollowUp.objects.create(
            decision=decision, excerpt=key[0], found_date=key[1], due_date=key[1]
        )
        result.append(follow_up)
    stale = [f.pk for f in existing.values() if f.status == FollowUpStatus.PROPOSED]
    FollowUp.objects.filter(pk__in=stale).delete()
    return result


def confirm_follow_up(follow_up: FollowUp, user, due_date: date | None = None) -> FollowUp:
    """Track the follow-up, with its due date as found or as corrected by the person."""
    follow_up.status = FollowUpStatus.CONFIRMED
    follow_up.due_date = due_date or follow_up.due_date
    follow_up.confirmed_by = user if user is not None and user.is_authenticated else None
    follow_up.confirmed_at = timezone.now()
    follow_up.modified_by = follow_up.confirmed_by
    follow_up.save()
    return follow_up


def set_follow_up_status(follow_up: FollowUp, user, status: str) -> FollowUp:
    """Mark a follow-up done or dismissed (or back to proposed)."""
    follow_up.status = status
    follow_up.modified_by = user if user is not None and user.is_authenticated else None
    follow_up.save()
    return follow_up


# Pages ---------------------------------------------------------------------------------------


def decision_list(user):
    """The decisions ``user`` may see, ready for the list page (one query per page)."""
    return Decision.objects.visible_to(user).with_link_flag().select_related("policymaker")


def get_decision(user, pk) -> Decision | None:
    return (
        Decision.objects.visible_to(user)
        .select_related("policymaker", "case", "meeting", "unit")
        .filter(pk=pk)
        .first()
    )
