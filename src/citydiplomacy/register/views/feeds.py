"""iCalendar feeds: the page where a user creates, copies and deletes their feeds, and the feed
itself. The feed's address is its only credential; what it carries is decided at every fetch by
``visible_to`` for the feed's owner."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..filters import ActivityFilter, filter_query
from ..services import feeds as service


def describe(query: str) -> list[tuple[str, str]]:
    """The filter of ``query`` as (label, value) pairs a person reads."""
    params = QueryDict(query)
    form = ActivityFilter(params).form
    if not form.is_valid():
        return [(key, ", ".join(params.getlist(key))) for key in params]
    described = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        # Model choices print themselves; plain choices are looked up (without a query).
        plain = isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.ModelChoiceField
        )
        choices = dict(field.choices) if plain else {}
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(item, item)) for item in value)
        elif hasattr(value, "isoformat"):
            shown = value.strftime("%d.%m.%Y")
        else:
            shown = str(choices.get(value, value)) if isinstance(value, str) else str(value)
        described.append((str(field.label), shown))
    return described


@login_required
@require_http_methods(["GET", "POST"])
def feeds(request):
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            feed = service.create_feed(
                user,
                request.POST.get("name", "") or _("Activities"),
                QueryDict(request.POST.get("query", "")),
            )
            messages.success(request, _("The feed “%(name)s” was created.") % {"name": feed})
        elif action == "unit":
            feed = service.create_unit_feed(user)
            if feed is None:
                messages.error(request, _("You do not belong to a unit."))
            else:
                messages.success(request, _("The feed “%(name)s” was created.") % {"name": feed})
        elif action == "delete":
            try:
                pk = int(request.POST.get("feed", ""))
            except ValueError:
                pk = 0
            if service.delete_feed(user, pk):
                messages.success(request, _("The feed was deleted; its address no longer works."))
        return redirect("register:feeds")
    query = filter_query(request.GET)
    rows = [
        {
            "feed": feed,
            "url": request.build_absolute_uri(reverse("register:feed", args=[feed.token])),
            "filter": describe(feed.query),
        }
        for feed in service.feeds_of(user)
    ]
    context = {"feeds": rows, "query": query, "current_filter": describe(query)}
    return render(request, "register/feeds/feeds.html", context)


def feed(request, token):
    """The calendar of a feed (text/calendar); an unknown or deleted address is a 404."""
    calendar_feed = service.active_feed(token)
    if calendar_feed is None:
        raise Http404
    try:
        reverse("register:detail", args=[1])
        has_detail = True
    except NoReverseMatch:
        has_detail = False

    def detail_url(pk):
        if not has_detail:
            return ""
        return request.build_absolute_uri(reverse("register:detail", args=[pk]))

    activities = service.feed_activities(calendar_feed)
    body = service.render_calendar(calendar_feed, activities, detail_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns = [
    path("feeds/", feeds, name="feeds"),
    path("feeds/<str:token>.ics", feed, name="feed"),
]
