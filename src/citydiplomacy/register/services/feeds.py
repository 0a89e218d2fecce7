"""iCalendar feeds of the register: a secret address per user and filter.

A feed stores only its owner and the filter. Each fetch evaluates the filter again against what
the owner may see *now*, so someone who changes unit or loses their account loses the events
too. Deleting the feed revokes its address.
"""

import datetime
import secrets

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from ..filters import filter_query, filtered_activities
from ..models import ActivityStatus, CalendarFeed

#: Feeds reach this far back; calendar programs need the recent past, not the whole archive.
PAST_DAYS = 366
#: The most events one feed carries (the first ones from the start of that window).
LIMIT = 5000
PRODID = "-//citydiplomacy//coordination register//EN"
STATUS = {
    ActivityStatus.PLANNED: "TENTATIVE",
    ActivityStatus.CONFIRMED: "CONFIRMED",
    ActivityStatus.DONE: "CONFIRMED",
    ActivityStatus.CANCELLED: "CANCELLED",
}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def create_feed(user, name: str, params: QueryDict) -> CalendarFeed:
    """A feed of ``user`` with the filter part of ``params``."""
    return CalendarFeed.objects.create(
        user=user, token=new_token(), name=name.strip()[:120], query=filter_query(params)[:1000]
    )


def create_unit_feed(user) -> CalendarFeed | None:
    """The preset "everything of my unit" (its sub-units included); ``None`` without a unit."""
    if user.unit_id is None:
        return None
    params = QueryDict(mutable=True)
    params["unit"] = str(user.unit_id)
    name = _("Everything of %(unit)s") % {"unit": user.unit}
    return create_feed(user, name, params)


@transaction.atomic
def delete_feed(user, pk: int) -> bool:
    deleted, _count = CalendarFeed.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def feeds_of(user):
    return CalendarFeed.objects.filter(user=user).order_by("-created_at", "-pk")


def active_feed(token: str) -> CalendarFeed | None:
    """The feed of ``token`` whose owner still has an active account."""
    if not token:
        return None
    return (
        CalendarFeed.objects.select_related("user", "user__unit")
        .filter(token=token, user__is_active=True)
        .first()
    )


def feed_activities(feed: CalendarFeed, today: datetime.date | None = None):
    """The activities of ``feed``: visible to its owner now, narrowed by its filter."""
    today = today or datetime.date.today()
    queryset, _filter = filtered_activities(feed.user, QueryDict(feed.query))
    since = today - datetime.timedelta(days=PAST_DAYS)
    return (
        queryset.filter(end_date__gte=since)
        .select_related("unit")
        .prefetch_related("cities", "countries")
        .order_by("start_date", "pk")[:LIMIT]
    )


def _location(activity) -> str:
    cities = [city.name for city in activity.cities.all()]
    city_countries = {city.country_id for city in activity.cities.all()}
    countries = [
        country.name for country in activity.countries.all() if country.pk not in city_countries
    ]
    return ", ".join([*cities, *countries])


def _description(activity) -> str:
    lines = [
        f"{activity.get_kind_display()} · {activity.get_status_display()}",
        f"{_('Unit')}: {activity.unit}",
    ]
    if activity.description:
        lines += ["", activity.description]
    return "\n".join(lines)


def uid(activity) -> str:
    """Stable across fetches and address changes, so calendar programs update, not duplicate."""
    return f"activity-{activity.pk}@citydiplomacy.register"


def render_calendar(feed: CalendarFeed, activities, detail_url) -> bytes:
    """The feed as an iCalendar document: one all-day VEVENT per activity (DTEND exclusive)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", feed.name or _("Activities"))
    now = timezone.now()
    for activity in activities:
        event = Event()
        event.add("uid", uid(activity))
        event.add("dtstamp", now)
        event.add("last-modified", activity.modified_at)
        event.add("dtstart", activity.start_date)
        event.add("dtend", activity.end_date + datetime.timedelta(days=1))
        event.add("summary", activity.title)
        location = _location(activity)
        if location:
            event.add("location", location)
        event.add("description", _description(activity))
        event.add("status", STATUS.get(activity.status, "CONFIRMED"))
        event.add("categories", [activity.get_kind_display()])
        url = detail_url(activity.pk)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
