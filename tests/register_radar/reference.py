"""Brute-force reference implementations of the radar: every pair, no cleverness.

They follow the definitions in docs/radar.md word for word, so that the fast sweep, the
blocking and the index can be checked against them.
"""

from __future__ import annotations

from itertools import combinations

from citydiplomacy.register.radar import KEY_TYPES, ActivityRef, similarity


def gap_days(a: ActivityRef, b: ActivityRef) -> int:
    """Days between two date ranges (negative or zero when they share days)."""
    return (max(a.start, b.start) - min(a.end, b.end)).days


def overlaps(a: ActivityRef, b: ActivityRef, window: int) -> bool:
    return a.unit_id != b.unit_id and gap_days(a, b) <= window


def components(activities: list[ActivityRef], key_type: str, key_id: int, window: int):
    """Connected components (two or more activities) of the overlap graph on one key."""
    on_key = [a for a in activities if key_id in a.keys(key_type)]
    parent = {a.id: a.id for a in on_key}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    linked = set()
    for a, b in combinations(on_key, 2):
        if overlaps(a, b, window):
            parent[root(a.id)] = root(b.id)
            linked.update((a.id, b.id))
    groups: dict[int, set[int]] = {}
    for activity_id in linked:
        groups.setdefault(root(activity_id), set()).add(activity_id)
    return [frozenset(group) for group in groups.values()]


def overlap_findings(activities, window=14, suppress=True) -> set[tuple[str, int, frozenset]]:
    """(key type, key id, activity ids) of every overlap finding."""
    found = set()
    for key_type in KEY_TYPES:
        keys = {key for a in activities for key in a.keys(key_type)}
        for key in keys:
            found.update(
                (key_type, key, group) for group in components(activities, key_type, key, window)
            )
    if suppress:
        city_groups = [group for key_type, _, group in found if key_type == "city"]
        found = {
            (key_type, key, group)
            for key_type, key, group in found
            if key_type != "country" or not any(group <= city for city in city_groups)
        }
    return found


def neighbours(activities, new: ActivityRef, key_type: str, key_id: int, window=14) -> set[int]:
    """Ids of the activities of other units on ``key_id`` within the window of ``new``."""
    return {
        a.id
        for a in activities
        if a.id != new.id and key_id in a.keys(key_type) and overlaps(a, new, window)
    }


def shared_key(a: ActivityRef, b: ActivityRef) -> tuple[str, int] | None:
    """The key a duplicate pair is reported under: lowest shared city, else partner."""
    for key_type in ("city", "partner"):
        shared = a.keys(key_type) & b.keys(key_type)
        if shared:
            return key_type, min(shared)
    return None


def duplicate_findings(activities, threshold=0.8, gap=0) -> set[tuple[str, int, tuple, float]]:
    """(key type, key id, sorted id pair, similarity) of every duplicate pair."""
    found = set()
    for a, b in combinations(activities, 2):
        key = shared_key(a, b)
        if key is None or gap_days(a, b) > gap:
            continue
        score = similarity(a.title, b.title)
        if score >= threshold:
            found.add((*key, tuple(sorted((a.id, b.id))), score))
    return found
