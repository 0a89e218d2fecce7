"""Template tags of the register's views (list, calendar, map, timeline) and their tab bar."""

from django import template
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from ..filters import filter_query

register = template.Library()

#: The tabs of the views' bar: (url name, label msgid). The labels are translated in the partial.
TABS = ("list", "calendar", "map", "timeline")


def optional_reverse(name: str, *args) -> str:
    """The url of ``name``, or '' while the page does not exist (parts of the register are
    built separately; a link to a missing page is left out rather than failing the page)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def views_filter_query(context) -> str:
    """The filter part of the current page's query string."""
    request = context.get("request")
    return filter_query(request.GET) if request is not None else ""


@register.simple_tag(takes_context=True)
def views_active_tab(context) -> str:
    """Which tab is the current page: the ``active`` variable, else the page's url name."""
    active = context.get("active")
    if active:
        return active
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "url_name", "") or ""
    return name if name in TABS else ""


@register.simple_tag
def optional_url(name, *args) -> str:
    return optional_reverse(name, *args)


@register.simple_tag
def with_query(url, query="", **params) -> str:
    """``url?query&name=value…`` with the parameters set (a value of None removes one)."""
    if not url:
        return ""
    kept = QueryDict(query or "", mutable=True)
    for name, value in params.items():
        if value is None or value == "":
            kept.pop(name, None)
        else:
            kept[name] = value
    encoded = kept.urlencode()
    return f"{url}?{encoded}" if encoded else url
