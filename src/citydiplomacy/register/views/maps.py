"""The register's map and its data. Access: the activities the user may see (``visible_to``);
the counts are computed in the database (``services.maps``)."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..filters import filter_query
from ..models import Activity
from ..services import maps as service
from ..templatetags.register_views import optional_reverse

#: At this zoom and below the map shows countries; closer in, cities.
COUNTRY_ZOOM = 4


def _with_links(params, level, rows):
    return service.add_links(optional_reverse("register:list"), params, level, rows)


def map_page(request):
    scope, activity_filter = service.scope_for(request.user, request.GET)
    activities = scope.visible
    params = request.GET
    countries = _with_links(params, service.COUNTRY, service.countries_with_counts(scope))
    countries_through = Activity.countries.through.objects.filter(activity_id=OuterRef("pk"))
    total = activities.count()
    without_country = activities.filter(~Exists(countries_through)).count()
    query = filter_query(params)
    config = {
        "dataUrl": reverse("register:map-data") + (f"?{query}" if query else ""),
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "countryZoom": COUNTRY_ZOOM,
        "labels": {
            "one": ngettext("%(count)s activity", "%(count)s activities", 1),
            "other": ngettext("%(count)s activity", "%(count)s activities", 2),
            "list": _("Show them in the list"),
            "failed": _("The map data could not be loaded."),
        },
    }
    context = {
        "filter": activity_filter,
        "filtered": bool(query),
        "query": query,
        "keep": [],
        "countries": countries,
        "total": total,
        "without_country": without_country,
        "config": config,
    }
    return render(request, "register/map/map.html", context)


def map_data(request):
    """JSON: ``{"level": "country"|"city", "points": [{id, code, name, lat, lon, count, url}]}``
    for ``?level=country`` (the default) or ``?level=city&bbox=west,south,east,north``."""
    level = request.GET.get("level") or service.COUNTRY
    if level not in service.LEVELS:
        return JsonResponse({"error": _("Unknown level: use country or city.")}, status=400)
    bbox = None
    if level == service.CITY and request.GET.get("bbox"):
        try:
            bbox = service.BoundingBox.parse(request.GET["bbox"])
        except service.BadBoundingBox:
            message = _("The bounding box must be four numbers: west,south,east,north.")
            return JsonResponse({"error": message}, status=400)
    scope, _filter = service.scope_for(request.user, request.GET)
    if level == service.COUNTRY:
        points = service.countries_with_counts(scope)
    else:
        points = service.cities_with_counts(scope, bbox)
    points = _with_links(request.GET, level, points)
    response = JsonResponse({"level": level, "points": points})
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("map/", map_page, name="map"),
    path("map/data/", map_data, name="map-data"),
]
