"""Matching the codes of an imported file to the store.

A city or indicator code is either already in the store, new but known to Eurostat's
dictionaries (it will be created), or unknown (an error naming it). Cities keep both code
editions: a 2021 code whose 2017 counterpart is already stored lands on the same city.
Data-browser files name cities instead of coding them; names are matched to codes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from citydiplomacy.core.models import City, Country

from ..models import AreaKind, ComparisonCity, IndicatorCategory, StatIndicator
from ..observations import CityCodeMapping, build_city_code_mapping, read_dictionary
from ..observations.dictionaries import city_code_system
from . import store

# Eurostat's dictionaries (code -> English label) ship with the demo data; they are reference
# data of the importer as much as of the demo.
DICTIONARIES = Path(__file__).resolve().parents[2] / "demo" / "data" / "eurostat" / "dictionaries"
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}
GREATER_SUFFIX = " (greater city)"
KIND_PATTERNS = [
    (re.compile(r"[A-Z]{2}"), AreaKind.COUNTRY),
    (re.compile(r"[A-Z]{2}\d{3}C\d?"), AreaKind.CITY),
    (re.compile(r"[A-Z]{2}\d{3}K\d?"), AreaKind.GREATER_CITY),
    (re.compile(r"[A-Z]{2}\d{3}[LF]\d?"), AreaKind.FUA),
]
CATEGORY_PREFIXES = {
    "DE": IndicatorCategory.POPULATION,
    "EC": IndicatorCategory.ECONOMY,
    "SA": IndicatorCategory.LIVING,
    "TE": IndicatorCategory.EDUCATION,
    "EN": IndicatorCategory.ENVIRONMENT,
    "TT": IndicatorCategory.TRANSPORT,
    "CR": IndicatorCategory.CULTURE_TOURISM,
    "PS": IndicatorCategory.PERCEPTION,
}


def area_kind(code: str) -> str:
    for pattern, kind in KIND_PATTERNS:
        if pattern.fullmatch(code):
            return kind
    return AreaKind.OTHER


def indicator_category(code: str) -> str:
    return CATEGORY_PREFIXES.get(code[:2], IndicatorCategory.OTHER)


@dataclass(frozen=True)
class Dictionaries:
    """Eurostat's ``cities`` and ``indic_ur`` dictionaries and the 2017↔2021 city mapping."""

    cities: dict[str, str]
    indicators: dict[str, str]

    @cached_property
    def mapping(self) -> CityCodeMapping:
        return build_city_code_mapping(self.cities)

    @cached_property
    def names(self) -> dict[str, list[str]]:
        """Folded label -> codes, for files that name cities."""
        index: dict[str, list[str]] = {}
        for code, label in self.cities.items():
            index.setdefault(store.fold(label), []).append(code)
        return index


@lru_cache(maxsize=4)
def load_dictionaries(folder: Path = DICTIONARIES) -> Dictionaries:
    return Dictionaries(
        read_dictionary(folder / "cities.dic"), read_dictionary(folder / "indic_ur.dic")
    )


@dataclass
class NewCity:
    ref: int  # a negative placeholder id until the city is created
    name: str
    kind: str
    country_id: int | None
    code_2017: str | None
    code_2021: str | None
    core_city_id: int | None = None

    @property
    def code(self) -> str:
        return self.code_2021 or self.code_2017 or ""


@dataclass
class NewIndicator:
    ref: int
    code: str
    name: str
    category: str


@dataclass
class CityResolver:
    """City codes of a file -> city ids (existing) or placeholders (new cities)."""

    dictionaries: Dictionaries
    known: dict[str, int] = field(default_factory=store.code_index)
    new: dict[str, NewCity] = field(default_factory=dict)
    recoded: dict[int, dict[str, str]] = field(default_factory=dict)  # id -> {field: code}

    @cached_property
    def _codes_of(self) -> dict[int, tuple[str | None, str | None]]:
        rows = ComparisonCity.objects.values_list("pk", "eurostat_code_2017", "eurostat_code_2021")
        return {pk: (old, new) for pk, old, new in rows}

    @cached_property
    def _countries(self) -> dict[str, int]:
        return dict(Country.objects.values_list("code", "pk"))

    def resolve(self, code: str) -> int | None:
        """The city id (negative for a city to create), or None if the code is unknown."""
        if code in self.known:
            return self.known[code]
        if code in self.new:
            return self.new[code].ref
        recoded = self._recode(code)
        if recoded is not None:
            return recoded
        if code not in self.dictionaries.cities:
            return None
        city = self._new_city(code)
        self.new[code] = city
        for claimed in (city.code_2017, city.code_2021):
            if claimed:
                self.known.setdefault(claimed, city.ref)
        return city.ref

    def _recode(self, code: str) -> int | None:
        """A stored city known by the other edition's code gets this code too."""
        mapping, system = self.dictionaries.mapping, city_code_system(code)
        if system == "2017":
            counterparts, slot = [mapping.to_new(code)], 0
        elif system == "2021":
            counterparts, slot = list(mapping.to_old(code)), 1
        else:
            return None
        owners = {self.known[c] for c in counterparts if c in self.known and self.known[c] > 0}
        owners = {pk for pk in owners if not self._codes_of[pk][slot]}
        if len(owners) != 1:
            return None
        city_id = owners.pop()
        codes = list(self._codes_of[city_id])
        codes[slot] = code
        self._codes_of[city_id] = tuple(codes)
        field_name = ("eurostat_code_2017", "eurostat_code_2021")[slot]
        self.recoded.setdefault(city_id, {})[field_name] = code
        self.known[code] = city_id
        return city_id

    def _new_city(self, code: str) -> NewCity:
        label = self.dictionaries.cities[code]
        kind = area_kind(code)
        country = EUROSTAT_TO_ISO.get(code[:2], code[:2])
        old = new = None
        system = city_code_system(code)
        if system == "2017":
            old, new = code, self.dictionaries.mapping.to_new(code)
        elif system == "2021":
            new = code
            olds = self.dictionaries.mapping.to_old(code)
            old = olds[0] if len(olds) == 1 else None
        elif code[-1].isdigit():
            old = code
        else:
            new = code
        old = old if old == code or old not in self.known else None
        new = new if new == code or new not in self.known else None
        return NewCity(
            ref=-(len(self.new) + 1),
            name=label,
            kind=kind,
            country_id=self._countries.get(country),
            code_2017=old,
            code_2021=new,
            core_city_id=self._core_city(label, country) if kind == AreaKind.CITY else None,
        )

    @cached_property
    def _core_cities(self) -> dict[tuple[str, str], int]:
        """(country code, folded name) -> the most populous core City of that name."""
        index: dict[tuple[str, str], tuple[int, int]] = {}
        rows = City.objects.values_list(
            "pk", "country__code", "population", "name", "name_fi", "name_sv", "name_en"
        )
        for pk, country, population, *names in rows:
            for name in filter(None, names):
                key = (country, store.fold(name))
                if key not in index or index[key][1] < population:
                    index[key] = (pk, population)
        return {key: pk for key, (pk, _population) in index.items()}

    def _core_city(self, label: str, country: str) -> int | None:
        for part in [label, *label.split("/")]:
            pk = self._core_cities.get((country, store.fold(part)))
            if pk:
                return pk
        return None

    def create(self, user=None) -> dict[int, int]:
        """Create the new cities (with history); returns placeholder -> id."""
        new = list(self.new.values())
        if not new:
            return {}
        objects = [
            ComparisonCity(
                name=city.name[:200],
                kind=city.kind,
                country_id=city.country_id,
                city_id=city.core_city_id,
                eurostat_code_2017=city.code_2017,
                eurostat_code_2021=city.code_2021,
            )
            for city in new
        ]
        bulk_create_with_history(objects, ComparisonCity, batch_size=500, default_user=user)
        keys = [city.code_2017 or city.code_2021 for city in new]
        rows = ComparisonCity.objects.filter(
            Q(eurostat_code_2017__in=keys) | Q(eurostat_code_2021__in=keys)
        ).values_list("pk", "eurostat_code_2017", "eurostat_code_2021")
        found = {code: pk for pk, *codes in rows for code in codes if code}
        return {city.ref: found[key] for city, key in zip(new, keys, strict=True)}

    def save_recodes(self) -> None:
        """Stored cities that get their other edition's code (saved one by one: history)."""
        for city in ComparisonCity.objects.filter(pk__in=self.recoded):
            for name, code in self.recoded[city.pk].items():
                setattr(city, name, code)
            city.save()

    def codes_for_names(self, names) -> tuple[dict[str, str], list[str]]:
        """Match printed city names (data-browser files) to codes; unmatched names are
        returned as warnings, their rows are not imported."""
        codes, warnings = {}, []
        for name in names:
            code = self._code_for_name(name)
            if code:
                codes[name] = code
            else:
                warnings.append(
                    _("“%(name)s”: no single Eurostat city of this name; its rows are skipped.")
                    % {"name": name}
                )
        return codes, warnings

    def _code_for_name(self, name: str) -> str | None:
        greater = name.endswith(GREATER_SUFFIX)
        base = name[: -len(GREATER_SUFFIX)] if greater else name
        found = list(self.dictionaries.names.get(store.fold(name), []))
        if greater:
            found += self.dictionaries.names.get(store.fold(base), [])
        wanted = {AreaKind.GREATER_CITY} if greater else {AreaKind.CITY, AreaKind.COUNTRY}
        found = sorted({c for c in found if area_kind(c) in wanted})
        stored = {self.known[c] for c in found if c in self.known}
        if len(stored) == 1:
            return next(c for c in found if c in self.known)
        old = [c for c in found if c[-1].isdigit() or len(c) == 2]
        found = old or found
        # Boundary versions of one city (FI008C1, FI008C3): the latest version.
        if found and len({c.rstrip("0123456789") for c in found}) == 1:
            return found[-1]
        return None


@dataclass
class IndicatorResolver:
    """Indicator codes of a file -> indicator ids, or placeholders for new indicators named in
    Eurostat's ``indic_ur`` dictionary. ``PS3010V.PC``-style codes use the base code's name."""

    dictionaries: Dictionaries
    known: dict[str, int] = field(
        default_factory=lambda: dict(StatIndicator.objects.values_list("code", "pk"))
    )
    new: dict[str, NewIndicator] = field(default_factory=dict)

    def resolve(self, code: str) -> int | None:
        if code in self.known:
            return self.known[code]
        if code in self.new:
            return self.new[code].ref
        base, _dot, suffix = code.partition(".")
        label = self.dictionaries.indicators.get(base)
        if label is None:
            return None
        name = f"{label} ({suffix})" if suffix else label
        self.new[code] = NewIndicator(-(len(self.new) + 1), code, name, indicator_category(base))
        return self.new[code].ref

    def create(self, source: dict[str, str], user=None) -> dict[int, int]:
        """Create the new indicators with the file's source fields; placeholder -> id."""
        new = list(self.new.values())
        if not new:
            return {}
        with translation.override("en"):  # Eurostat's labels are English; fi/sv fall back
            objects = [
                StatIndicator(code=i.code, name_en=i.name, category=i.category, **source)
                for i in new
            ]
        bulk_create_with_history(objects, StatIndicator, batch_size=500, default_user=user)
        codes = [i.code for i in new]
        ids = dict(StatIndicator.objects.filter(code__in=codes).values_list("code", "pk"))
        return {item.ref: ids[item.code] for item in new}
