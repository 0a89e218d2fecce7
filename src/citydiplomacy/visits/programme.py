"""Double bookings in programmes: a host or a venue booked for two agenda items whose times
overlap, within one visit or across visits. Pure: works on plain tuples."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Slot:
    id: int
    visit_id: int
    starts_at: datetime
    ends_at: datetime
    host: str
    venue: str


@dataclass(frozen=True)
class Clash:
    item_id: int
    other_id: int
    other_visit_id: int
    kind: str  # "host" or "venue"
    name: str


def key(name: str) -> str:
    """Names compared without case and extra spaces."""
    return " ".join(name.casefold().split())


def overlaps(a: Slot, b: Slot) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def clashes(items: Iterable[Slot], others: Iterable[Slot]) -> list[Clash]:
    """Every clash of an item of ``items`` with another slot (of ``others``, which may
    include ``items``): the same host or venue at overlapping times."""
    others = list(others)
    found = []
    for item in items:
        for other in others:
            if other.id == item.id or not overlaps(item, other):
                continue
            for kind in ("host", "venue"):
                mine, theirs = key(getattr(item, kind)), key(getattr(other, kind))
                if mine and mine == theirs:
                    found.append(
                        Clash(item.id, other.id, other.visit_id, kind, getattr(item, kind))
                    )
    return found
