"""An index's hierarchy: rows of indicators (from the store) and aggregates, checked with
errors that name the row, and turned into the engine's iMeta records.

A row is ``{"code", "parent", "weight"}`` plus optional ``"direction"`` (1 or -1; default the
indicator's own), ``"name"`` (aggregates) and ``"denominator"`` (an indicator code, used by a
``denominate`` step). A node without children must be an indicator of the store; a node with
children is an aggregate; exactly one node has no parent: the index itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..engine import EngineError, Framework
from ..engine.data import build_framework
from ..engine.weights import effective_weights
from ..models import StatIndicator

ROW_KEYS = ("code", "parent", "weight", "direction", "name", "denominator")
LEVEL_NAMES = {
    2: ["Indicator", "Index"],
    3: ["Indicator", "Pillar", "Index"],
    4: ["Indicator", "Pillar", "Sub-index", "Index"],
}


class HierarchyError(ValueError):
    """The hierarchy cannot be used; ``problems`` name the rows."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Node:
    code: str
    name: str
    weight: float
    direction: int
    is_indicator: bool
    effective_weight: float | None = None
    children: list[Node] = field(default_factory=list)

    @property
    def effective_percent(self) -> str:
        return "" if self.effective_weight is None else f"{self.effective_weight * 100:.1f} %"


def _row_problem(number: int, row, message: str) -> str:
    code = row.get("code") if isinstance(row, dict) else None
    if code:
        return _("row %(row)s (%(code)s): %(problem)s") % {
            "row": number,
            "code": code,
            "problem": message,
        }
    return _("row %(row)s: %(problem)s") % {"row": number, "problem": message}


def _check_row(number: int, row, indicators) -> list[str]:
    if not isinstance(row, dict):
        return [_row_problem(number, row, _('expected an object such as {"code": …}'))]
    problems = []
    unknown = [k for k in row if k not in ROW_KEYS]
    if unknown:
        problems.append(_row_problem(number, row, _("unknown key “%(key)s”") % {"key": unknown[0]}))
    if not isinstance(row.get("code"), str) or not row["code"].strip():
        problems.append(_row_problem(number, row, _("a code is required")))
    weight = row.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not math.isfinite(weight):
        problems.append(_row_problem(number, row, _("the weight must be a number")))
    elif weight < 0:
        problems.append(
            _row_problem(number, row, _("the weight %(weight)s is negative") % {"weight": weight})
        )
    if row.get("direction") not in (None, 1, -1):
        problems.append(_row_problem(number, row, _("the direction must be 1 or -1")))
    denominator = row.get("denominator")
    if denominator is not None and denominator not in indicators:
        problems.append(
            _row_problem(number, row, _("unknown denominator “%(code)s”") % {"code": denominator})
        )
    return problems


def validate(rows, indicators: dict[str, StatIndicator]) -> list[dict]:
    """Check the rows; returns them with ``level`` and ``type`` filled in."""
    if not isinstance(rows, list) or not rows:
        raise HierarchyError([_("The hierarchy must be a non-empty list of rows.")])
    problems = [p for n, row in enumerate(rows, 1) for p in _check_row(n, row, indicators)]
    if problems:
        raise HierarchyError(problems)
    problems = _check_codes(rows) or _check_tree(rows, indicators)
    if problems:
        raise HierarchyError(problems)
    return _levelled(rows, indicators)


def _check_codes(rows) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for number, row in enumerate(rows, 1):
        code = row["code"].strip()
        if code in first:
            problems.append(
                _row_problem(
                    number, row, _("the code also appears on row %(row)s") % {"row": first[code]}
                )
            )
        first.setdefault(code, number)
    return problems


def _parent(row) -> str | None:
    parent = row.get("parent")
    return parent.strip() if isinstance(parent, str) and parent.strip() else None


def _check_tree(rows, indicators) -> list[str]:
    codes = {row["code"].strip(): n for n, row in enumerate(rows, 1)}
    parents = {row["code"].strip(): _parent(row) for row in rows}
    problems = [
        _row_problem(
            n, row, _("orphan: its parent “%(parent)s” is not in the hierarchy") % {"parent": p}
        )
        for n, row in enumerate(rows, 1)
        if (p := _parent(row)) is not None and p not in codes
    ]
    problems += _cycles(parents)
    if problems:
        return problems
    roots = [code for code, parent in parents.items() if parent is None]
    if len(roots) != 1:
        return [
            _("Exactly one row must have no parent (the index); found %(count)s: %(codes)s.")
            % {"count": len(roots), "codes": ", ".join(roots) or "–"}
        ]
    return _check_nodes(rows, parents, indicators)


def _cycles(parents: dict[str, str | None]) -> list[str]:
    for start in parents:
        path, current = [start], parents[start]
        while current is not None and current in parents:
            if current in path:
                loop = " → ".join([*path[path.index(current) :], current])
                return [_("cycle in the hierarchy: %(loop)s") % {"loop": loop}]
            path.append(current)
            current = parents[current]
    return []


def _check_nodes(rows, parents, indicators) -> list[str]:
    children: dict[str, list[dict]] = {}
    for row in rows:
        if parents[row["code"].strip()] is not None:
            children.setdefault(parents[row["code"].strip()], []).append(row)
    problems = []
    for number, row in enumerate(rows, 1):
        code = row["code"].strip()
        if code not in children and code not in indicators:
            problems.append(
                _row_problem(
                    number,
                    row,
                    _("unknown indicator code: a node without children must be an indicator"),
                )
            )
        elif code in children and code in indicators:
            problems.append(_row_problem(number, row, _("an indicator cannot have children")))
    for parent, group in children.items():
        if sum(float(r.get("weight", 1)) for r in group) <= 0:
            problems.append(
                _("The weights of the children of “%(code)s” are all zero.") % {"code": parent}
            )
    return problems


def _levelled(rows, indicators) -> list[dict]:
    parents = {row["code"].strip(): _parent(row) for row in rows}
    level: dict[str, int] = {}

    def depth(code: str) -> int:  # indicators are level 1, a parent one above its children
        if code not in level:
            kids = [c for c, p in parents.items() if p == code]
            level[code] = 1 + max((depth(k) for k in kids), default=0)
        return level[code]

    out = []
    for row in rows:
        code = row["code"].strip()
        indicator = indicators.get(code)
        direction = row.get("direction") or (indicator.direction if indicator else 1)
        out.append(
            {
                "code": code,
                "parent": parents[code],
                "weight": float(row.get("weight", 1)),
                "direction": int(direction),
                "name": row.get("name") or (indicator.name if indicator else code),
                "denominator": row.get("denominator"),
                "level": depth(code),
                "type": "Indicator" if indicator else "Aggregate",
            }
        )
    return out


def meta_records(rows: list[dict]) -> list[dict[str, str]]:
    """The engine's iMeta records (text, as in a CSV) for validated rows."""
    records = [
        {
            "Level": str(r["level"]),
            "iCode": r["code"],
            "iName": str(r["name"]),
            "Parent": r["parent"] or "",
            "Direction": str(r["direction"]),
            "Weight": repr(r["weight"]),
            "Type": r["type"],
            "Denominator": r["denominator"] or "",
        }
        for r in rows
    ]
    for code in sorted({r["denominator"] for r in rows if r["denominator"]}):
        records.append(
            {
                "Level": "",
                "iCode": code,
                "iName": code,
                "Parent": "",
                "Direction": "",
                "Weight": "",
                "Type": "Denominator",
                "Denominator": "",
            }
        )
    return records


def level_names(records: list[dict[str, str]], names: list[str] | None) -> list[str]:
    top = max(int(r["Level"]) for r in records if r["Level"])
    if names:
        return list(names)
    return LEVEL_NAMES.get(top) or [f"Level {i}" for i in range(1, top + 1)]


def framework(records: list[dict[str, str]], names: list[str] | None = None) -> Framework:
    """The engine's framework; its checks (levels one apart…) become hierarchy errors."""
    try:
        return build_framework(records, level_names=level_names(records, names))
    except EngineError as error:
        raise HierarchyError([str(error)]) from None


def tree(records: list[dict[str, str]], names: list[str] | None = None) -> Node:
    """The hierarchy as nested nodes with effective weights, for a readable preview."""
    built = framework(records, names)
    effective = effective_weights(built, built.weights())
    nodes = {
        code: Node(
            code,
            element.name,
            element.weight,
            int(element.direction),
            element.kind == "Indicator",
            effective.get(code),
        )
        for code, element in built.elements.items()
    }
    root = None
    for code in built.meta_order:
        parent = built.elements[code].parent
        if parent is None:
            root = nodes[code]
        else:
            nodes[parent].children.append(nodes[code])
    return root
