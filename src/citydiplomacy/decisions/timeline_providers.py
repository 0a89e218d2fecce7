"""Confirmed decisions on the traceability timeline of a plan, an objective or a measure."""

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from citydiplomacy.plan import timeline

from . import services
from .markdown import to_plain

TEXT_WORDS = 40  # of the decision part shown on the timeline


def decision_url(decision) -> str:
    """The decision's page, or "" while the decisions' URLs are not installed."""
    try:
        return reverse("decisions:detail", args=[decision.pk])
    except NoReverseMatch:
        return ""


@timeline.register
def confirmed_decisions(item, user):
    """Decisions a person has confirmed for ``item``, if ``user`` may see them."""
    entries = []
    for link in services.links_for_item(item, user)[:200]:
        decision = link.decision
        when = decision.meeting_date or timezone.localdate(link.decided_at or link.created_at)
        entries.append(
            timeline.TimelineEntry(
                when=when,
                kind="decision",
                label=_("Decision"),
                title=f"{decision.heading} {decision.title}".strip(),
                text=Truncator(to_plain(decision.decision)).words(TEXT_WORDS),
                url=decision_url(decision),
                actor=decision.policymaker_label,
            )
        )
    return entries
