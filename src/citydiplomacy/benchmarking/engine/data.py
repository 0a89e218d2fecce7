"""Input data: iMeta (the framework) and iData (the units), loaded and validated.

The layout follows COINr's ``new_coin()``: units are sorted by ``uCode``, indicators keep
their iMeta order, and the metadata is ordered by (Level, Parent) for everything that COINr
derives from it (weights tables, lineage, results ordering).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from .csvio import parse_number, read_rows
from .errors import EngineError
from .rstats import collation_key

ELEMENT_TYPES = ("Indicator", "Aggregate")
OTHER_TYPES = ("Group", "Denominator", "Other")
REQUIRED_META = ("Level", "iCode", "Parent", "Direction", "Type", "Weight")
SPECIAL_DATA_COLUMNS = ("uCode", "uName", "Time")


@dataclass(frozen=True)
class Element:
    """One indicator or aggregate of the framework (a row of iMeta)."""

    code: str
    level: int
    parent: str | None
    weight: float
    direction: float
    kind: str
    name: str
    target: float = math.nan
    denominator: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Framework:
    """The index hierarchy: indicators at level 1, aggregates above, one parent each."""

    elements: Mapping[str, Element]
    indicators: tuple[str, ...]
    meta_order: tuple[str, ...]
    max_level: int
    level_names: tuple[str, ...]
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()

    @cached_property
    def _children(self) -> dict[str | None, tuple[str, ...]]:
        grouped: dict[str | None, list[str]] = {}
        for code in self.meta_order:
            grouped.setdefault(self.elements[code].parent, []).append(code)
        return {parent: tuple(codes) for parent, codes in grouped.items()}

    def children(self, code: str) -> tuple[str, ...]:
        """Children of ``code`` in metadata order."""
        return self._children.get(code, ())

    def codes_at(self, level: int) -> tuple[str, ...]:
        """Codes at ``level`` in metadata (Level, Parent) order."""
        return tuple(c for c in self.meta_order if self.elements[c].level == level)

    @cached_property
    def _aggregates_by_level(self) -> dict[int, tuple[str, ...]]:
        return {
            level: tuple(sorted(self.codes_at(level), key=collation_key))
            for level in range(2, self.max_level + 1)
        }

    def aggregates_at(self, level: int) -> tuple[str, ...]:
        """Aggregates at ``level`` in COINr's output order (sorted like R's ``tapply``)."""
        return self._aggregates_by_level[level]

    def aggregation_order(self) -> tuple[str, ...]:
        """All aggregates, level by level, in the column order of COINr's Aggregated set."""
        return tuple(c for lev in range(2, self.max_level + 1) for c in self.aggregates_at(lev))

    def ancestor(self, code: str, level: int) -> str:
        """The ancestor of ``code`` at ``level`` (the code itself at its own level)."""
        element = self.elements[code]
        while element.level < level:
            element = self.elements[element.parent]
        return element.code

    def lineage(self) -> list[tuple[str, ...]]:
        """One row per indicator with its ancestors, sorted from the top level down."""
        rows = [
            tuple(self.ancestor(code, lev) for lev in range(1, self.max_level + 1))
            for code in self.codes_at(1)
        ]
        return sorted(rows, key=lambda row: [collation_key(c) for c in reversed(row)])

    def lineage_indicators(self) -> tuple[str, ...]:
        """Indicator codes in lineage order (COINr's ``Lineage[[1]]``)."""
        return tuple(row[0] for row in self.lineage())

    def weights(self) -> dict[str, float]:
        """The metadata weights of all elements."""
        return {code: self.elements[code].weight for code in self.meta_order}

    def directions(self, codes: Sequence[str]) -> np.ndarray:
        """Direction (+1/-1) of each code."""
        return np.array([self.elements[c].direction for c in codes], dtype=float)

    def without(self, removed: str) -> Framework:
        """A copy with ``removed`` and its subtree dropped, plus parents left childless."""
        gone = {removed} | {c for c in self.meta_order if _descends(self, c, removed)}
        changed = True
        while changed:
            changed = False
            for code in self.meta_order:
                element = self.elements[code]
                if code in gone or element.level == 1:
                    continue
                if not any(c not in gone for c in self.children(code)):
                    gone.add(code)
                    changed = True
        if len(gone) == len(self.meta_order):
            raise EngineError(f"removing '{removed}' would leave an empty framework")
        keep = {c: e for c, e in self.elements.items() if c not in gone}
        return Framework(
            elements=keep,
            indicators=tuple(c for c in self.indicators if c not in gone),
            meta_order=tuple(c for c in self.meta_order if c not in gone),
            max_level=self.max_level,
            level_names=self.level_names,
            groups=self.groups,
            denominators=self.denominators,
        )


def _descends(framework: Framework, code: str, ancestor: str) -> bool:
    element = framework.elements[code]
    while element.parent is not None:
        if element.parent == ancestor:
            return True
        element = framework.elements[element.parent]
    return False


@dataclass(frozen=True)
class Coin:
    """Everything the pipeline starts from: the framework plus the unit data."""

    framework: Framework
    units: tuple[str, ...]
    unit_names: tuple[str, ...]
    groups: Mapping[str, tuple[str | None, ...]]
    denominators: Mapping[str, np.ndarray]
    raw: np.ndarray
    unit_columns: tuple[str, ...] = ()
    unit_table: tuple[tuple[str, ...], ...] = ()

    def unit_positions(self, codes: Sequence[str]) -> np.ndarray:
        """Row positions in the coin of the given unit codes."""
        index = {code: i for i, code in enumerate(self.units)}
        return np.array([index[c] for c in codes], dtype=int)

    def replace_framework(self, framework: Framework) -> Coin:
        """The same units with a reduced framework (columns of dropped indicators removed)."""
        keep = [self.framework.indicators.index(c) for c in framework.indicators]
        return Coin(
            framework=framework,
            units=self.units,
            unit_names=self.unit_names,
            groups=self.groups,
            denominators=self.denominators,
            raw=self.raw[:, keep],
            unit_columns=self.unit_columns,
            unit_table=self.unit_table,
        )


# ---------------------------------------------------------------------------------------------
# iMeta


def load_meta(path: str | Path, level_names: Sequence[str] | None = None) -> Framework:
    """Read iMeta from CSV and validate the hierarchy (see :func:`build_framework`)."""
    header, rows = read_rows(path)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    return build_framework(records, level_names=level_names, source=str(path))


def build_framework(
    records: Sequence[Mapping[str, str]],
    level_names: Sequence[str] | None = None,
    source: str = "iMeta",
) -> Framework:
    """Build and validate the framework from iMeta records (text fields, as in the CSV)."""
    if not records:
        raise EngineError(f"{source}: no rows")
    missing = [c for c in REQUIRED_META if c not in records[0]]
    if missing:
        raise EngineError(f"{source}: missing required column(s) {', '.join(missing)}")
    elements, others, original = _parse_meta_records(records, source)
    _check_hierarchy(elements)
    max_level = max(e.level for e in elements.values())
    names = _level_names(level_names, max_level)
    return Framework(
        elements=elements,
        indicators=tuple(c for c in original if elements[c].kind == "Indicator"),
        meta_order=_meta_order(elements, original),
        max_level=max_level,
        level_names=names,
        groups=tuple(c for c, kind in others if kind == "Group"),
        denominators=tuple(c for c, kind in others if kind == "Denominator"),
    )


def _parse_meta_records(records, source):
    elements: dict[str, Element] = {}
    others: list[tuple[str, str]] = []
    original: list[str] = []
    seen: set[str] = set()
    for line, record in enumerate(records, start=2):
        code = record["iCode"].strip()
        where = f"{source}, line {line}"
        if not code:
            raise EngineError(f"{where}: empty iCode")
        if code in seen:
            raise EngineError(f"{source}: duplicate iCode '{code}'")
        seen.add(code)
        kind = record["Type"].strip()
        if kind in OTHER_TYPES:
            others.append((code, kind))
        elif kind in ELEMENT_TYPES:
            elements[code] = _parse_element(record, code, kind, where)
            original.append(code)
        else:
            raise EngineError(
                f"{where}: Type '{kind}' of '{code}' is not one of "
                f"{', '.join(ELEMENT_TYPES + OTHER_TYPES)}"
            )
    if not any(e.kind == "Indicator" for e in elements.values()):
        raise EngineError(f"{source}: no rows of Type 'Indicator'")
    return elements, others, original


def _parse_element(record: Mapping[str, str], code: str, kind: str, where: str) -> Element:
    level = parse_number(record["Level"], f"{where}, column Level")
    if math.isnan(level) or level != int(level) or level < 1:
        raise EngineError(f"{where}: Level of '{code}' must be a positive integer")
    direction = parse_number(record["Direction"], f"{where}, column Direction")
    if direction not in (1.0, -1.0):
        raise EngineError(f"{where}: Direction of '{code}' must be 1 or -1")
    weight = parse_number(record["Weight"], f"{where}, column Weight")
    if not math.isfinite(weight) or weight < 0:
        raise EngineError(f"weight of '{code}' is negative or missing ({record['Weight']!r})")
    if kind == "Indicator" and level != 1:
        raise EngineError(f"{where}: indicator '{code}' must be at Level 1")
    parent = record["Parent"].strip() or None
    target = parse_number(record.get("Target", ""), f"{where}, column Target")
    known = set(REQUIRED_META) | {"iName", "Target", "Denominator"}
    return Element(
        code=code,
        level=int(level),
        parent=parent,
        weight=weight,
        direction=direction,
        kind=kind,
        name=(record.get("iName") or code).strip(),
        target=target,
        denominator=(record.get("Denominator") or "").strip() or None,
        extra={k: v for k, v in record.items() if k not in known},
    )


def _check_hierarchy(elements: Mapping[str, Element]) -> None:
    for code, element in elements.items():
        if element.parent is not None and element.parent not in elements:
            raise EngineError(
                f"orphan in hierarchy: parent '{element.parent}' of '{code}' "
                "is not an indicator or aggregate in iMeta"
            )
    _check_cycles(elements)
    max_level = max(e.level for e in elements.values())
    levels = {e.level for e in elements.values()}
    if levels != set(range(1, max_level + 1)):
        raise EngineError("hierarchy levels must run from 1 to the top level without gaps")
    for code, element in elements.items():
        _check_parent_link(elements, code, element, max_level)
    parents = {e.parent for e in elements.values()}
    for code, element in elements.items():
        if element.kind == "Aggregate" and code not in parents:
            raise EngineError(f"aggregate '{code}' has no children in the hierarchy")
        if element.level > 1 and element.kind != "Aggregate":
            raise EngineError(f"'{code}' is above level 1 but not of Type 'Aggregate'")
    _check_group_weights(elements)


def _check_cycles(elements: Mapping[str, Element]) -> None:
    for start in elements:
        path = [start]
        current = elements[start].parent
        while current is not None:
            if current in path:
                loop = " -> ".join([*path[path.index(current) :], current])
                raise EngineError(f"cycle in hierarchy: {loop}")
            path.append(current)
            current = elements[current].parent


def _check_parent_link(elements, code: str, element: Element, max_level: int) -> None:
    if element.level == max_level:
        if element.parent is not None:
            raise EngineError(f"'{code}' is at the top level but has parent '{element.parent}'")
        return
    if element.parent is None:
        raise EngineError(f"orphan in hierarchy: '{code}' (level {element.level}) has no parent")
    parent_level = elements[element.parent].level
    if parent_level != element.level + 1:
        raise EngineError(
            f"parent '{element.parent}' of '{code}' is at level {parent_level}, "
            f"expected {element.level + 1}"
        )


def _check_group_weights(elements: Mapping[str, Element]) -> None:
    totals: dict[str | None, float] = {}
    for element in elements.values():
        totals[element.parent] = totals.get(element.parent, 0.0) + element.weight
    for parent, total in totals.items():
        if total <= 0:
            label = f"children of '{parent}'" if parent else "top-level elements"
            raise EngineError(f"weights of the {label} are all zero")


def _meta_order(elements: Mapping[str, Element], original: Sequence[str]) -> tuple[str, ...]:
    """COINr sorts iMeta by (Level, Parent) with a stable order; NA parents come last."""

    def key(code: str):
        element = elements[code]
        parent = element.parent
        return (element.level, parent is None, collation_key(parent or ""))

    return tuple(sorted(original, key=key))


def _level_names(names: Sequence[str] | None, max_level: int) -> tuple[str, ...]:
    if names is None:
        return tuple(f"Level_{i}" for i in range(1, max_level + 1))
    if len(names) != max_level:
        raise EngineError(
            f"level_names has {len(names)} names, the hierarchy has {max_level} levels"
        )
    return tuple(str(n) for n in names)


# ---------------------------------------------------------------------------------------------
# iData


def load_data(path: str | Path, framework: Framework) -> Coin:
    """Read iData from CSV and match it to the framework (see :func:`build_coin`)."""
    header, rows = read_rows(path)
    return build_coin(header, rows, framework, source=str(path))


def build_coin(
    header: Sequence[str], rows: Sequence[Sequence[str]], framework: Framework, source="iData"
) -> Coin:
    """Validate iData against the framework and build the :class:`Coin`."""
    _check_data_columns(header, framework, source)
    column = {name: i for i, name in enumerate(header)}
    codes = [row[column["uCode"]].strip() for row in rows]
    _check_unit_codes(codes, source)
    order = sorted(range(len(rows)), key=lambda i: collation_key(codes[i]))
    rows = [rows[i] for i in order]
    units = tuple(codes[i] for i in order)
    raw = _numeric_block(rows, header, framework.indicators, column, source, units)
    denominators = {
        name: _numeric_block(rows, header, (name,), column, source, units)[:, 0]
        for name in framework.denominators
    }
    groups = {
        name: tuple(row[column[name]].strip() or None for row in rows) for name in framework.groups
    }
    names = tuple(
        row[column["uName"]] if "uName" in column else code
        for row, code in zip(rows, units, strict=True)
    )
    unit_columns = tuple(c for c in header if c not in framework.indicators and c != "uCode")
    unit_table = tuple(tuple(row[column[c]] for c in unit_columns) for row in rows)
    return Coin(framework, units, names, groups, denominators, raw, unit_columns, unit_table)


def _check_data_columns(header: Sequence[str], framework: Framework, source: str) -> None:
    if "uCode" not in header:
        raise EngineError(f"{source}: required column 'uCode' is missing")
    known = set(framework.elements) | set(framework.groups) | set(framework.denominators)
    for name in header:
        if name not in SPECIAL_DATA_COLUMNS and name not in known:
            raise EngineError(
                f"unknown indicator code '{name}': column of {source} is not in iMeta"
            )
    needed = list(framework.indicators) + list(framework.groups) + list(framework.denominators)
    for name in needed:
        if name not in header:
            raise EngineError(f"{source}: column '{name}' named in iMeta is missing")
    for code in framework.indicators:
        denominator = framework.elements[code].denominator
        if denominator is not None and denominator not in framework.denominators:
            raise EngineError(
                f"denominator '{denominator}' of '{code}' is not a column of Type 'Denominator'"
            )


def _check_unit_codes(codes: Sequence[str], source: str) -> None:
    seen: set[str] = set()
    for line, code in enumerate(codes, start=2):
        if not code:
            raise EngineError(f"{source}, line {line}: empty uCode")
        if code in seen:
            raise EngineError(f"duplicate unit code '{code}' in {source}")
        seen.add(code)
    if not codes:
        raise EngineError(f"{source}: no units")


def _numeric_block(rows, header, names, column, source, units) -> np.ndarray:
    block = np.empty((len(rows), len(names)))
    for j, name in enumerate(names):
        for i, row in enumerate(rows):
            block[i, j] = parse_number(
                row[column[name]], f"{source}, unit '{units[i]}', column '{name}'"
            )
    return block


def load_coin(
    data_path: str | Path, meta_path: str | Path, level_names: Sequence[str] | None = None
) -> Coin:
    """Load iMeta and iData CSV files into a validated :class:`Coin`."""
    return load_data(data_path, load_meta(meta_path, level_names=level_names))
