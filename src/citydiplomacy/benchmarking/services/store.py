"""Reading the indicator store: the home city, city look-ups, values and data vintages.

Every screen, the API and the report read observations through these helpers, so the
queries stay few and indexed: observations are always selected by indicator and year (the
``(indicator, year)`` index) or by city and indicator (the unique constraint's prefix).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import AreaKind, ComparisonCity, ImportBatch, Observation, StatIndicator

HOME_CITY_SETTING = "BENCHMARKING_HOME_CITY"  # an Eurostat code; else the city marked is_home


def home_city() -> ComparisonCity | None:
    """The city comparisons are made for: the setting's code, else the city marked home."""
    cities = ComparisonCity.objects.select_related("city", "country")
    code = getattr(settings, HOME_CITY_SETTING, "")
    if code:
        return cities.filter(Q(eurostat_code_2017=code) | Q(eurostat_code_2021=code)).first()
    return cities.filter(is_home=True).first()


def fold(text: str) -> str:
    """Compare names without case, accents or spacing around ``/``."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"\s*/\s*", "/", plain.casefold())).strip()


def code_index() -> dict[str, int]:
    """Every Eurostat code of every comparison city (both editions) -> city id."""
    index: dict[str, int] = {}
    for pk, old, new in ComparisonCity.objects.values_list(
        "pk", "eurostat_code_2017", "eurostat_code_2021"
    ):
        for code in (old, new):
            if code:
                index[code] = pk
    return index


def find_cities(texts: Iterable[str], kind: str | None = AreaKind.CITY):
    """Resolve codes or names typed by a user; returns ``(cities, problems)``.

    A name that fits several areas is a problem that names the codes to choose from.
    """
    wanted = [t.strip() for t in texts if t and t.strip()]
    if not wanted:
        return [], []
    candidates = ComparisonCity.objects.select_related("city")
    if kind:
        candidates = candidates.filter(kind=kind)
    by_code, by_name = {}, defaultdict(list)
    for city in candidates:
        for code in (city.eurostat_code_2017, city.eurostat_code_2021):
            if code:
                by_code[code.upper()] = city
        for name in {city.name, *city.name.split("/"), city.display_name}:
            by_name[fold(name)].append(city)
    found, problems = [], []
    for text in wanted:
        matches = [by_code[text.upper()]] if text.upper() in by_code else by_name.get(fold(text))
        unique = list({c.pk: c for c in matches or []}.values())
        if len(unique) == 1:
            found.append(unique[0])
        elif unique:
            codes = ", ".join(sorted(c.code for c in unique))
            problems.append(
                _("“%(text)s” fits several cities (%(codes)s); use the code.")
                % {"text": text, "codes": codes}
            )
        else:
            problems.append(
                _("“%(text)s” is not a known city name or Eurostat code.") % {"text": text}
            )
    return list({c.pk: c for c in found}.values()), problems


def years_with_data() -> list[int]:
    """Years the imported files cover, newest first (from the data vintages, so that no
    query runs over the observations themselves)."""
    years: set[int] = set()
    for summary in ImportBatch.objects.values_list("summary", flat=True):
        span = (summary or {}).get("years") or []
        if len(span) == 2:
            years.update(range(span[0], span[1] + 1))
    return sorted(years, reverse=True)


def values_for(
    indicator_ids: Iterable[int], year: int, city_ids: Iterable[int] | None = None, kind=None
) -> dict[int, dict[int, float]]:
    """``{city id: {indicator id: value}}`` for one year (missing values left out)."""
    rows = Observation.objects.filter(
        indicator_id__in=list(indicator_ids), year=year, value__isnull=False
    )
    if city_ids is not None:
        rows = rows.filter(city_id__in=list(city_ids))
    if kind:
        rows = rows.filter(city__kind=kind)
    data: dict[int, dict[int, float]] = defaultdict(dict)
    for city_id, indicator_id, value in rows.values_list("city_id", "indicator_id", "value"):
        data[city_id][indicator_id] = value
    return dict(data)


def series(indicator: StatIndicator, city_ids: Iterable[int]) -> dict[int, dict[int, tuple]]:
    """``{city id: {year: (value, flags)}}`` of one indicator for some cities."""
    data: dict[int, dict[int, tuple]] = defaultdict(dict)
    rows = Observation.objects.filter(indicator=indicator, city_id__in=list(city_ids))
    for city_id, year, value, flags in rows.values_list("city_id", "year", "value", "flags"):
        data[city_id][year] = (value, flags)
    return dict(data)


def vintage(indicator_ids: Iterable[int], years: Iterable[int], city_ids=None) -> list[dict]:
    """The import batches that set the observations used, as stored with a result."""
    rows = Observation.objects.filter(indicator_id__in=list(indicator_ids), year__in=list(years))
    if city_ids is not None:
        rows = rows.filter(city_id__in=list(city_ids))
    batch_ids = set(rows.values_list("batch_id", flat=True).distinct())
    return [batch_summary(b) for b in ImportBatch.objects.filter(pk__in=batch_ids)]


def batch_summary(batch: ImportBatch) -> dict:
    return {
        "id": batch.pk,
        "file_name": batch.file_name,
        "dataset": batch.dataset,
        "imported_at": batch.imported_at.isoformat(),
        "notice": batch.notice,
    }


def notices(vintages: Iterable[dict]) -> list[str]:
    """The attribution notices of a vintage list, each once (e.g. ``Source: Eurostat``)."""
    return sorted({v["notice"] for v in vintages if v.get("notice")})


def indicator_notices(indicators: Iterable[StatIndicator]) -> list[str]:
    return sorted({i.notice for i in indicators if i.notice})


def comparison_table(indicator: StatIndicator, cities: list[ComparisonCity]) -> dict:
    """Years × cities of one indicator (years with at least one value), and chart data."""
    data = series(indicator, [c.pk for c in cities])
    years = sorted(
        {y for row in data.values() for y, (value, _f) in row.items() if value is not None}
    )
    rows = [
        {"year": year, "cells": [data.get(c.pk, {}).get(year, (None, "")) for c in cities]}
        for year in years
    ]
    chart = {
        "years": years,
        "unit": indicator.unit,
        "series": [
            {
                "name": c.display_name,
                "home": c.is_home,
                "values": [data.get(c.pk, {}).get(y, (None, ""))[0] for y in years],
            }
            for c in cities
        ],
    }
    return {"rows": rows, "chart": chart}
