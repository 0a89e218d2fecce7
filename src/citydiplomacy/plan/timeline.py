"""The traceability timeline of a plan item: what led to it and what carried it out.

Each capability contributes its own entries by registering a provider, so this module knows
none of them: the plan registers status updates and changes; decisions, activities and hearing
responses register theirs when those capabilities are installed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    when: date
    kind: str  # a short key: "update", "change", "decision", "activity", …
    label: str  # translated name of the kind
    title: str
    text: str = ""
    url: str = ""
    actor: str = ""


Provider = Callable[[object, object], Iterable[TimelineEntry]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider ``provider(item, user)``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def entries_for(item, user) -> list[TimelineEntry]:
    """All entries about ``item`` the user may see, newest first."""
    entries = [entry for provider in _providers for entry in provider(item, user)]
    return sorted(entries, key=lambda e: _as_date(e.when), reverse=True)


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value
