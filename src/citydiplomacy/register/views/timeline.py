"""The register's timeline. Access: the activities the user may see (``visible_to``)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse

from ..filters import filter_query
from ..services import timeline as service


def _detail_url(pk) -> str:
    try:
        return reverse("register:detail", args=[pk])
    except NoReverseMatch:
        return ""


def timeline(request):
    data, activity_filter = service.timeline_for(request.user, request.GET)
    query = filter_query(request.GET)
    context = {
        "timeline": data,
        "chart": service.chart_data(data, _detail_url),
        "filter": activity_filter,
        "filtered": bool(query),
        "query": query,
        "keep": [],
        "limit": service.LIMIT,
    }
    return render(request, "register/timeline/timeline.html", context)


urlpatterns = [path("timeline/", timeline, name="timeline")]
