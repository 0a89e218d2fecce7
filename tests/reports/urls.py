"""The project's URLs plus the reports' (until the root URLconf includes them)."""

from django.urls import include, path

from citydiplomacy.urls import urlpatterns as project_urlpatterns

_included = any(getattr(p, "namespace", None) == "reports" for p in project_urlpatterns)
urlpatterns = [
    *project_urlpatterns,
    *([] if _included else [path("", include("citydiplomacy.reports.urls"))]),
]
