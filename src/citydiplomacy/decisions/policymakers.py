"""Policymakers' names in Finnish and Swedish, and their kind, without Django.

A decision names its policymaker in its own language ("Kaupunginvaltuusto" or
"Stadsfullmäktige"); the register of the city's bodies (``data/policymakers.json``) pairs the
two, so both language versions of a decision belong to one policymaker. Officeholders are
left out of the register: many share a title ("Toimitusjohtaja"), so their names alone do not
say which one is meant.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTER = Path(__file__).parent / "data" / "policymakers.json"

_COMMITTEE_ENDINGS = [
    "lautakunta",
    "jaosto",
    "johtokunta",
    "toimikunta",
    "neuvottelukunta",
    "nämnd",
    "nämnden",
    "sektion",
    "sektionen",
    "direktion",
    "direktionen",
    "kommittén",
]
# Name endings → kind, for bodies the register does not list.
_ENDINGS = [
    (("valtuusto", "fullmäktige"), "council"),
    (("hallitus", "styrelsen", "styrelse"), "board"),
    (tuple(_COMMITTEE_ENDINGS), "committee"),
    (("pormestari", "borgmästare"), "elected_official"),
]


@dataclass(frozen=True)
class KnownPolicymaker:
    ahjo_id: str
    fi: str
    sv: str
    kind: str


@cache
def _register() -> dict[str, KnownPolicymaker]:
    entries = json.loads(REGISTER.read_text(encoding="utf-8"))["policymakers"]
    known = {}
    for entry in entries:
        policymaker = KnownPolicymaker(entry["ahjo_id"], entry["fi"], entry["sv"], entry["kind"])
        known[entry["fi"].casefold()] = known[entry["sv"].casefold()] = policymaker
    return known


def lookup(name: str) -> KnownPolicymaker | None:
    """The registered body called ``name`` in Finnish or Swedish (any case)."""
    return _register().get(" ".join(name.split()).casefold())


def guess_kind(name: str, record_kind: str = "") -> str:
    """The kind of a policymaker the register does not know, from its name or the record."""
    folded = name.casefold()
    for endings, kind in _ENDINGS:
        if folded.endswith(endings):
            return kind
    return "officeholder" if record_kind == "officeholder_decision" else "other"
