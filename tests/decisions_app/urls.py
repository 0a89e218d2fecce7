"""The project's URLs plus the decisions' (until the root URLconf includes them)."""

from django.urls import include, path

from citydiplomacy.urls import urlpatterns as project_urlpatterns

_included = any(getattr(p, "namespace", None) == "decisions" for p in project_urlpatterns)
urlpatterns = [
    *project_urlpatterns,
    *([] if _included else [path("decisions/", include("citydiplomacy.decisions.urls"))]),
]
