"""The project's URLs plus benchmarking's pages and API (until the root URLconf and the API
router include them)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from citydiplomacy import api_urls
from citydiplomacy.benchmarking.api import ROUTES, register_routes
from citydiplomacy.urls import urlpatterns as project_urlpatterns

_pages_included = any(getattr(p, "namespace", None) == "benchmarking" for p in project_urlpatterns)
_api_included = any(getattr(p, "name", "") == f"{ROUTES[0][2]}-list" for p in api_urls.urlpatterns)
_router = SimpleRouter()
register_routes(_router)

urlpatterns = [
    *([] if _api_included else [path("api/v1/", include(_router.urls))]),
    *(
        []
        if _pages_included
        else [path("benchmarking/", include("citydiplomacy.benchmarking.urls"))]
    ),
    *project_urlpatterns,
]
