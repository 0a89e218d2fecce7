"""The database side of the spreadsheet format: the look-up tables, and activities read as rows
in chunks (``values()`` and one query per relation per chunk), never as model instances."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from citydiplomacy.core.models import City, Country, OrganisationUnit, Theme, Visibility
from citydiplomacy.core.models.units import UnitKind
from citydiplomacy.plan.models import Measure, Objective

from ..models import Activity, ActivityKind, ActivityStatus, DelegationLevel, PartnerOrganisation
from .changes import RELATION_FIELDS, SCALAR_FIELDS, References, Stored, city_key, partner_label

CHUNK = 2000
_DB_FIELDS = ["id", "version", *(f"{n}_id" if n == "unit" else n for n in SCALAR_FIELDS)]


def choices() -> dict[str, tuple[str, ...]]:
    return {
        "kind": tuple(ActivityKind.values),
        "status": tuple(ActivityStatus.values),
        "delegation_level": tuple(DelegationLevel.values),
        "visibility": tuple(Visibility.values),
    }


def load_references() -> References:
    """Every code the format uses, loaded once (a few small tables and the city names)."""
    refs = References()
    external = UnitKind.external()
    unit_codes = {}
    for pk, code, kind in OrganisationUnit.objects.values_list("id", "code", "kind"):
        refs.units[code] = (pk, kind in external)
        unit_codes[pk] = code
    country_codes = dict(Country.objects.values_list("id", "code"))
    refs.countries = {code: pk for pk, code in country_codes.items()}
    city_labels = {}
    rows = City.objects.order_by("-population", "id").values_list(
        "id", "geonameid", "name", "country_id"
    )
    for pk, geonameid, name, country_id in rows:
        code = country_codes.get(country_id, "")
        if geonameid is not None:
            refs.cities_by_geonameid[geonameid] = pk
            city_labels[pk] = str(geonameid)
        else:
            city_labels[pk] = f"{name}, {code}"
        refs.cities_by_name.setdefault((city_key(name), code), pk)
    partner_labels = {}
    for pk, name, country_id in PartnerOrganisation.objects.order_by("id").values_list(
        "id", "name", "country_id"
    ):
        code = country_codes.get(country_id, "")
        refs.partners.setdefault((name, code), pk)
        refs.partners_folded.setdefault((name.casefold(), code), pk)
        partner_labels[pk] = partner_label(name, code)
    objective_labels = {
        pk: f"{plan}:{number}"
        for pk, plan, number in Objective.objects.values_list("id", "plan_id", "number")
    }
    measure_labels = {
        pk: f"{plan}:{code}"
        for pk, plan, code in Measure.objects.values_list("id", "plan_id", "code")
    }
    theme_labels = {
        pk: f"{scheme}:{code}"
        for pk, scheme, code in Theme.objects.values_list("id", "scheme", "code")
    }
    refs.objectives = {label: pk for pk, label in objective_labels.items()}
    refs.measures = {"".join(label.split()): pk for pk, label in measure_labels.items()}
    refs.themes = {label: pk for pk, label in theme_labels.items()}
    refs.labels = {
        "unit": unit_codes,
        "units": unit_codes,
        "external_actors": unit_codes,
        "countries": country_codes,
        "cities": city_labels,
        "partners": partner_labels,
        "objectives": objective_labels,
        "measures": measure_labels,
        "themes": theme_labels,
    }
    return refs


def through_table(name: str):
    field = Activity._meta.get_field(name)
    return (
        field.remote_field.through,
        f"{field.m2m_field_name()}_id",
        f"{field.m2m_reverse_field_name()}_id",
    )


def _batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def stored_chunks(queryset, chunk_size: int = CHUNK) -> Iterator[list[Stored]]:
    """The activities of ``queryset`` as stored rows, ``chunk_size`` at a time, in its order."""
    values = queryset.values_list(*_DB_FIELDS).iterator(chunk_size=chunk_size)
    for batch in _batched(values, chunk_size):
        ids = [row[0] for row in batch]
        relations = {}
        for name in RELATION_FIELDS:
            through, source, target = through_table(name)
            linked = defaultdict(set)
            pairs = through.objects.filter(**{f"{source}__in": ids}).values_list(source, target)
            for activity_id, target_id in pairs:
                linked[activity_id].add(target_id)
            relations[name] = linked
        chunk = []
        for row in batch:
            fields = dict(zip(SCALAR_FIELDS, row[2:], strict=True))
            for name in RELATION_FIELDS:
                fields[name] = frozenset(relations[name].get(row[0], ()))
            chunk.append(Stored(row[0], row[1], fields))
        yield chunk


def stored_by_id(queryset, ids: Iterable[int]) -> dict[int, Stored]:
    """The activities of ``queryset`` among ``ids``, by id."""
    found, ids = {}, sorted(set(ids))
    for start in range(0, len(ids), 10 * CHUNK):
        part = queryset.filter(pk__in=ids[start : start + 10 * CHUNK]).order_by()
        for chunk in stored_chunks(part):
            for stored in chunk:
                found[stored.id] = stored
    return found


def as_row(stored: Stored, refs: References) -> dict:
    """A stored activity as a spreadsheet row (codes and labels, lists sorted)."""
    row = {"id": stored.id, "version": stored.version}
    for name in SCALAR_FIELDS:
        row[name] = stored.fields[name]
    row["unit"] = refs.label("unit", stored.fields["unit"])
    for name in RELATION_FIELDS:
        row[name] = tuple(sorted(refs.label(name, key) for key in stored.fields[name]))
    return row


def export_rows(queryset, refs: References | None = None) -> Iterator[dict]:
    """The rows of an export of ``queryset`` (already limited to what the user may see)."""
    refs = refs or load_references()
    for chunk in stored_chunks(queryset):
        for stored in chunk:
            yield as_row(stored, refs)
