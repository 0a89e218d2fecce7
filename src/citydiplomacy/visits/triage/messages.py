"""English wording of the reasons.

The Django layer translates instead: it looks up ``reason.message_key`` in its catalogue
(fi/sv/en) and formats the translated text with ``reason.params``, the same placeholders as
the English texts below. This module is the reference wording and the fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .result import Reason

LEVEL_NAMES = {1: "high-priority", 2: "medium-priority", 3: "watch-list"}
LEADER_NAMES = {
    "head_of_state": "a head of state",
    "minister": "a minister",
    "mayor": "a mayor",
    "ambassador": "an ambassador",
    "director": "a director",
    "expert": "an expert",
    "other": "another leader",
}


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _window(days: int) -> str:
    return _count(days // 365, "year") if days and days % 365 == 0 else _count(days, "day")


MESSAGES: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "spearhead": lambda p: f"{p['theme']} spearhead",
    "no_spearhead": lambda p: "no spearhead theme",
    "geo_city": lambda p: f"{LEVEL_NAMES[p['level']]} city",
    "geo_country": lambda p: f"{LEVEL_NAMES[p['level']]} country {p['country']}",
    "geo_region": lambda p: f"{p['country']} in a {LEVEL_NAMES[p['level']]} region",
    "geo_none": lambda p: f"no geographic priority for {p['country']}",
    "leader_level": lambda p: f"delegation led by {LEADER_NAMES[p['level']]}",
    "business_potential": lambda p: (
        "no business potential"
        if p["potential"] == "none"
        else f"{p['potential']} business potential"
    ),
    "short_notice": lambda p: (
        f"short notice: {_count(p['days'], 'day')} (minimum {p['minimum_days']})"
    ),
    "notice_ok": lambda p: f"notice {_count(p['days'], 'day')}",
    "no_capacity": lambda p: f"no capacity on {p['start']} – {p['end']}",
    "capacity_ok": lambda p: f"capacity on {p['start']} – {p['end']}",
    "too_long": lambda p: f"visit of {_count(p['days'], 'day')} (maximum {p['maximum_days']})",
    "length_ok": lambda p: f"visit of {_count(p['days'], 'day')}",
    "large_delegation": lambda p: f"delegation of {p['size']} (more than {p['maximum']})",
    "delegation_size_ok": lambda p: f"delegation of {p['size']}",
    "repeat_visit": lambda p: (
        f"repeat visit within {_window(p['window_days'])} (previous {p['previous']})"
    ),
    "earlier_visit": lambda p: f"earlier visit on {p['previous']}",
    "first_visit": lambda p: "first visit from this organisation",
}


def render(reason: Reason) -> str:
    """The reason in English, points first: ``"+20 climate spearhead"``, ``"−30 repeat visit
    within 2 years (previous 2024-05-02)"``; a broken hard rule ends with ``"(rule)"``."""
    points = f"+{reason.points}" if reason.points > 0 else str(reason.points).replace("-", "−")
    text = f"{points} {MESSAGES[reason.code](reason.params)}"
    return f"{text} (rule)" if reason.hard else text
