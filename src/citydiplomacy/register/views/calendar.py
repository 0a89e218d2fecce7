"""The register's month calendar. Access: the activities the user may see (``visible_to``)."""

from django.shortcuts import render
from django.urls import path
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.text import capfirst

from ..filters import filter_query
from ..services import calendar as service
from ..templatetags.register_views import optional_reverse


def month(request):
    month, activity_filter = service.month_for(request.user, request.GET)
    query = filter_query(request.GET)
    context = {
        "month": month,
        "month_name": f"{capfirst(MONTHS[month.first.month])} {month.first.year}",
        "weekdays": [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)],
        "filter": activity_filter,
        "filtered": bool(query),
        "query": query,
        "keep": [("month", month.first.strftime("%Y-%m"))],
        "list_url": optional_reverse("register:list"),
        "month_param": month.first.strftime("%Y-%m"),
        "previous_param": month.previous.strftime("%Y-%m"),
        "next_param": month.next.strftime("%Y-%m"),
    }
    return render(request, "register/calendar/month.html", context)


urlpatterns = [path("calendar/", month, name="calendar")]
