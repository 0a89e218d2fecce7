"""What an import would do: each row's references resolved to records, compared with the stored
activity, and checked against what the importing user may edit.

Everything here works on plain dicts that the application loads once per import
(:class:`References`, the stored rows and the editable units), so resolving 100,000 rows is
dictionary look-ups, and the rules can be tested without a database.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .columns import BY_NAME as COLUMN
from .columns import LIST_COLUMNS, LIST_SEPARATOR, write_text
from .reading import Problem, Row

#: The activity's own fields that a row sets, in column order.
SCALAR_FIELDS = (
    "kind",
    "title",
    "description",
    "status",
    "start_date",
    "end_date",
    "unit",
    "delegation_level",
    "participant_count",
    "senior_participant_count",
    "participants",
    "budget",
    "actual_cost",
    "outcomes",
    "visibility",
)
RELATION_FIELDS = LIST_COLUMNS
SAMPLE_SIZE = 50
_PARTNER = re.compile(r"^(?P<name>.*\S)\s*\((?P<country>[A-Za-z]{2})\)$")


@dataclass
class References:
    """Look-ups from the codes a spreadsheet uses to record ids, and back to labels."""

    units: dict[str, tuple[int, bool]] = field(default_factory=dict)  # code → (id, external)
    countries: dict[str, int] = field(default_factory=dict)  # "FI" → id
    cities_by_geonameid: dict[int, int] = field(default_factory=dict)
    cities_by_name: dict[tuple[str, str], int] = field(default_factory=dict)  # (folded, CC)
    partners: dict[tuple[str, str], int] = field(default_factory=dict)  # (name, CC or "")
    partners_folded: dict[tuple[str, str], int] = field(default_factory=dict)
    objectives: dict[str, int] = field(default_factory=dict)  # "plan:number" → id
    measures: dict[str, int] = field(default_factory=dict)  # "plan:code" → id
    themes: dict[str, int] = field(default_factory=dict)  # "scheme:code" → id
    # column name → id → the label the export writes
    labels: dict[str, dict[int, str]] = field(default_factory=dict)

    def label(self, column: str, key) -> str:
        if isinstance(key, tuple):  # a partner to be created
            return partner_label(key[1], key[2])
        return self.labels.get(column, {}).get(key, str(key))


def partner_label(name: str, country_code: str) -> str:
    return f"{name} ({country_code})" if country_code else name


def city_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass
class Stored:
    """An activity as stored: its fields in the resolved form of a row, its version."""

    id: int
    version: int
    fields: dict


@dataclass
class Change:
    row: int
    id: int | None
    fields: dict  # resolved values: scalars, and frozensets for relations
    changed: tuple[str, ...] = ()


@dataclass
class ImportPlan:
    creates: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    new_partners: list[tuple[str, str]] = field(default_factory=list)  # (name, country code)
    samples: list[dict] = field(default_factory=list)
    rows: int = 0


class _Resolver:
    def __init__(self, refs: References):
        self.refs = refs
        self.new_partners: dict[tuple[str, str], None] = {}

    def unit(self, code: str, *, external: bool) -> int:
        found = self.refs.units.get(code)
        if found is None:
            raise _Unknown("unknown_unit", value=code)
        unit_id, is_external = found
        if is_external != external:
            raise _Unknown("external_actor" if is_external else "not_external", value=code)
        return unit_id

    def country(self, code: str) -> int:
        found = self.refs.countries.get(code.upper())
        if found is None:
            raise _Unknown("unknown_country", value=code)
        return found

    def city(self, ref: str) -> int:
        if ref.isdigit():
            found = self.refs.cities_by_geonameid.get(int(ref))
            if found is None:
                raise _Unknown("unknown_city", value=ref)
            return found
        name, comma, code = ref.rpartition(",")
        if not comma or not name.strip():
            raise _Unknown("city_needs_country", value=ref)
        code = code.strip().upper()
        if code not in self.refs.countries:
            raise _Unknown("unknown_country", value=code)
        found = self.refs.cities_by_name.get((city_key(name), code))
        if found is None:
            raise _Unknown("unknown_city", value=ref)
        return found

    def partner(self, ref: str):
        """An existing partner's id, or ("new", name, country code) for one to create."""
        match = _PARTNER.match(ref)
        name, code = (match["name"], match["country"].upper()) if match else (ref, "")
        if code and code not in self.refs.countries:
            whole = self.refs.partners.get((ref, ""))
            if whole is not None:
                return whole
            raise _Unknown("unknown_country", value=code)
        found = self.refs.partners.get((name, code))
        if found is None:
            found = self.refs.partners_folded.get((name.casefold(), code))
        if found is not None:
            return found
        if len(name) > 200:
            raise _Unknown("too_long", length=len(name), limit=200)
        self.new_partners.setdefault((name, code), None)
        return ("new", name, code)

    def keyed(self, table: Mapping[str, int], ref: str, code: str) -> int:
        key = "".join(ref.split())
        found = table.get(key)
        if found is None:
            found = table.get(key.lower())
        if found is None:
            raise _Unknown(code, value=ref)
        return found

    def relation(self, column: str, ref: str):
        if column == "units":
            return self.unit(ref, external=False)
        if column == "external_actors":
            return self.unit(ref, external=True)
        if column == "countries":
            return self.country(ref)
        if column == "cities":
            return self.city(ref)
        if column == "partners":
            return self.partner(ref)
        if column == "objectives":
            return self.keyed(self.refs.objectives, ref, "unknown_objective")
        if column == "measures":
            return self.keyed(self.refs.measures, ref, "unknown_measure")
        return self.keyed(self.refs.themes, ref, "unknown_theme")


class _Unknown(Exception):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def _letter(sheet_letters: Mapping[str, str], column: str) -> str:
    return sheet_letters.get(column, "")


def resolve_row(row: Row, resolver: _Resolver, letters: Mapping[str, str]):
    """The row's values with references replaced by ids; problems for unknown references."""
    values, problems = row.values, []
    fields = {name: values.get(name) for name in SCALAR_FIELDS}
    unit_code = values.get("unit")
    if unit_code:
        try:
            fields["unit"] = resolver.unit(unit_code, external=False)
        except _Unknown as unknown:
            problems.append(
                Problem(row.number, "unit", unknown.code, unknown.params, letters.get("unit", ""))
            )
    for column in RELATION_FIELDS:
        ids = set()
        for ref in values.get(column) or ():
            try:
                ids.add(resolver.relation(column, ref))
            except _Unknown as unknown:
                params = {"value": ref, **unknown.params}
                problems.append(
                    Problem(row.number, column, unknown.code, params, _letter(letters, column))
                )
        fields[column] = frozenset(ids)
    return fields, problems


def changed_fields(new: Mapping, old: Mapping) -> tuple[str, ...]:
    return tuple(name for name in (*SCALAR_FIELDS, *RELATION_FIELDS) if new[name] != old[name])


def _display(refs: References, column: str, value) -> str:
    if column in RELATION_FIELDS:
        return LIST_SEPARATOR.join(sorted(refs.label(column, key) for key in value))
    if column == "unit":
        return refs.label("unit", value)
    return write_text(COLUMN[column], value)


def plan_import(
    rows: Iterable[Row],
    refs: References,
    stored: Mapping[int, Stored],
    editable_units: set[int],
    letters: Mapping[str, str],
) -> ImportPlan:
    """Sort rows into new, changed and unchanged activities, with every problem found.

    ``stored`` holds the activities the user may see among the ids in the file; an id outside
    it is "no such activity" (whether it exists or is hidden is not told). A changed row needs
    the right to edit both the stored activity's unit and the unit it is moved to; an unchanged
    row writes nothing and needs no right.
    """
    plan, resolver, seen = ImportPlan(), _Resolver(refs), {}
    for row in rows:
        plan.rows += 1
        fields, problems = resolve_row(row, resolver, letters)
        activity_id, version = row.values.get("id"), row.values.get("version")

        def problem(column, code, _row=row, _problems=problems, **params):
            _problems.append(Problem(_row.number, column, code, params, letters.get(column, "")))

        current = None
        if activity_id is not None:
            if activity_id in seen:
                problem("id", "duplicate_id", value=activity_id, first=seen[activity_id])
            else:
                seen[activity_id] = row.number
            current = stored.get(activity_id)
            if current is None:
                problem("id", "no_such_activity", value=activity_id)
        if problems:
            plan.problems.extend(problems)
            continue
        if current is None:
            if fields["unit"] not in editable_units:
                problem("unit", "unit_not_allowed", value=row.values.get("unit"))
            else:
                plan.creates.append(Change(row.number, None, fields))
        else:
            changed = changed_fields(fields, current.fields)
            if not changed:
                plan.unchanged += 1
                continue
            if current.fields["unit"] not in editable_units:
                problem("id", "not_editable", value=activity_id)
            elif "unit" in changed and fields["unit"] not in editable_units:
                problem("unit", "unit_not_allowed", value=row.values.get("unit"))
            elif version is not None and version != current.version:
                problem("version", "stale_version", value=version, current=current.version)
            else:
                plan.updates.append(Change(row.number, activity_id, fields, changed))
                if len(plan.samples) < SAMPLE_SIZE:
                    plan.samples.append(
                        {
                            "row": row.number,
                            "id": activity_id,
                            "title": fields["title"],
                            "fields": [
                                {
                                    "column": name,
                                    "old": _display(refs, name, current.fields[name]),
                                    "new": _display(refs, name, fields[name]),
                                }
                                for name in changed
                            ],
                        }
                    )
        plan.problems.extend(problems)
    plan.new_partners = list(resolver.new_partners)
    return plan
