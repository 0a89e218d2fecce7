"""The register's map: how many activities the user may see in each country or city.

Every count is one ``GROUP BY`` over a through table joined to the visible, filtered activities,
so the work stays in the database and the number of queries does not depend on the register's
size. The counts are what the list shows when filtered by that country or city.

A country is placed at the population-weighted mean of its cities' coordinates (the GeoNames
cities of the reference data), which lands near where people, and so activities, are.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import QueryDict
from django.utils.translation import get_language

from citydiplomacy.core import access
from citydiplomacy.core.models import Country

from ..filters import filtered_activities
from ..models import Activity

COUNTRY = "country"
CITY = "city"
LEVELS = (COUNTRY, CITY)


class BadBoundingBox(ValueError):
    """``bbox`` is not four numbers ``west,south,east,north``."""


@dataclass(frozen=True)
class BoundingBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> "BoundingBox":
        parts = value.split(",")
        if len(parts) != 4:
            raise BadBoundingBox(value)
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError as error:
            raise BadBoundingBox(value) from error
        if not all(math.isfinite(number) for number in (west, south, east, north)):
            raise BadBoundingBox(value)
        if south > north:
            raise BadBoundingBox(value)
        return cls(west, max(south, -90.0), east, min(north, 90.0))

    def longitude_ranges(self) -> list[tuple[float, float]]:
        """One or two ranges within −180…180: a map panned across the antimeridian (Leaflet
        reports longitudes beyond ±180 then) wraps around."""
        if self.east - self.west >= 360:
            return [(-180.0, 180.0)]

        def wrap(longitude):
            return (longitude + 180.0) % 360.0 - 180.0

        west, east = wrap(self.west), wrap(self.east)
        if west <= east:
            return [(west, east)]
        return [(west, 180.0), (-180.0, east)]


def _through(field: str):
    return Activity._meta.get_field(field).remote_field.through


@dataclass(frozen=True)
class Scope:
    """The activities the map counts: those the user may see that match the filter.

    ``visible`` is that queryset. For the city's own users without a filter nearly every
    activity is visible, so the links of all activities are counted and those of the few hidden
    ones (``hidden``) subtracted: the join then runs over the hidden activities only. Without
    any condition (a coordinator's unfiltered map) no join is needed at all.
    """

    visible: QuerySet
    hidden: QuerySet | None = None

    def links(
        self, field: str, condition: Q | None = None, *, subtract: bool = True
    ) -> tuple[QuerySet, QuerySet | None]:
        """The through rows of ``field`` to count, and those to subtract (or ``None``).
        ``subtract=False`` always joins with the visible activities: cheaper when
        ``condition`` already leaves few rows."""
        links = _through(field).objects.all()
        if condition is not None:
            links = links.filter(condition)
        if self.hidden is not None and subtract:
            return links, links.filter(activity_id__in=self.hidden.order_by().values("pk"))
        if self.visible.query.where:
            links = links.filter(activity_id__in=self.visible.order_by().values("pk"))
        return links, None


def scope_for(user, params: QueryDict) -> tuple[Scope, object]:
    """What ``user`` may see of the activities matching ``params``; and the filter (for its
    form)."""
    visible, activity_filter = filtered_activities(user, params)
    unfiltered = not any(
        value not in (None, "", [], ())
        for value in getattr(activity_filter.form, "cleaned_data", {}).values()
    )
    # Staff users see all but the other units' confidential activities (access.py).
    mostly_visible = user.is_authenticated and getattr(user, "role", "") in (
        "unit_editor",
        "viewer",
    )
    if visible.query.where and unfiltered and mostly_visible:
        hidden = Activity.objects.exclude(access.visible_q(user, Activity))
        return Scope(visible=visible, hidden=hidden), activity_filter
    return Scope(visible=visible), activity_filter


def _subtract(counts: dict, minus) -> dict:
    for key, count in minus:
        counts[key] = counts.get(key, 0) - count
    return {key: count for key, count in counts.items() if count > 0}


def country_counts(scope: Scope) -> dict[int, int]:
    """Country id → number of the scope's activities that name the country: what the list
    shows when filtered by that country."""
    links, hidden = scope.links("countries")

    def grouped(rows):
        return (
            rows.order_by()
            .values("country_id")
            .annotate(count=Count("activity_id"))
            .values_list("country_id", "count")
        )

    counts = dict(grouped(links))
    return counts if hidden is None else _subtract(counts, grouped(hidden))


def _weighted(coordinate: str):
    """The population-weighted mean of the country's cities' ``coordinate`` (a city without a
    known population weighs one), aggregated over the join to the cities."""
    weight = F("cities__population") + 1
    return Cast(Sum(F(f"cities__{coordinate}") * weight), FloatField()) / Cast(
        Sum(weight), FloatField()
    )


def countries_with_counts(scope: Scope) -> list[dict]:
    """The countries where the scope's activities are, most activities first, each with its
    code, name, count and representative coordinate (``None`` when no city of it is known)."""
    counts = country_counts(scope)
    if not counts:
        return []
    countries = Country.objects.filter(pk__in=list(counts)).annotate(
        lat=_weighted("latitude"), lon=_weighted("longitude")
    )
    rows = [
        {
            "id": country.pk,
            "code": country.code,
            "name": str(country),
            "lat": None if country.lat is None else round(country.lat, 4),
            "lon": None if country.lon is None else round(country.lon, 4),
            "count": counts[country.pk],
        }
        for country in countries
    ]
    rows.sort(key=lambda row: (-row["count"], row["name"]))
    return rows


def _city_name():
    """The city's name in the current language, falling back to the default language's."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        return F("city__name")
    return Coalesce(NullIf(F(f"city__name_{language}"), Value("")), F("city__name"))


def cities_with_counts(scope: Scope, bbox: BoundingBox | None = None) -> list[dict]:
    """The cities (inside ``bbox`` when given) where the scope's activities are, each with its
    coordinates and count: one ``GROUP BY`` on the cities' through table (two when the hidden
    activities' links are subtracted)."""
    condition = None
    if bbox is not None:
        condition = Q(city__latitude__gte=bbox.south, city__latitude__lte=bbox.north)
        ranges = bbox.longitude_ranges()
        if ranges != [(-180.0, 180.0)]:
            across = Q()
            for west, east in ranges:
                across |= Q(city__longitude__gte=west, city__longitude__lte=east)
            condition &= across
    # A bounding box leaves few links: joining them with the visible activities is cheaper
    # than subtracting the hidden ones. The whole world is counted like the countries.
    links, hidden = scope.links("cities", condition, subtract=condition is None)
    grouped = (
        links.order_by()
        .values("city_id")
        .annotate(
            count=Count("activity_id"),
            lat=F("city__latitude"),
            lon=F("city__longitude"),
            code=F("city__country__code"),
            name=_city_name(),
        )
        .values_list("city_id", "code", "name", "lat", "lon", "count")
    )
    minus = {}
    if hidden is not None:
        minus = dict(
            hidden.order_by()
            .values("city_id")
            .annotate(count=Count("activity_id"))
            .values_list("city_id", "count")
        )
    rows = [
        {
            "id": city_id,
            "code": code,
            "name": name,
            "lat": round(lat, 4),
            "lon": round(lon, 4),
            "count": count - minus.get(city_id, 0),
        }
        for city_id, code, name, lat, lon, count in grouped
        if count > minus.get(city_id, 0)
    ]
    rows.sort(key=lambda row: (-row["count"], row["name"]))
    return rows


def add_links(list_url: str, params: QueryDict, level: str, rows: list[dict]) -> list[dict]:
    """Each row's ``url``: the list filtered as ``params`` and to the row's country or city."""
    query = params.copy()
    for key in ("country", "city", "level", "bbox"):
        query.pop(key, None)
    prefix = f"{list_url}?{query.urlencode()}&" if query else f"{list_url}?"
    for row in rows:
        place = f"country={row['code']}" if level == COUNTRY else f"city={row['id']}"
        row["url"] = f"{prefix}{place}" if list_url else ""
    return rows
