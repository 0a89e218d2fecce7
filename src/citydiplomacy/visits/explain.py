"""Triage reasons in the reader's language.

A stored reason is ``{"code", "points", "params", "hard"}`` (``Reason.to_dict()``). Each code
has an English text with ``%(name)s`` placeholders, marked for translation here, so the
catalogue gives the Finnish and Swedish wording; parameters that are themselves words (levels,
themes, countries) are translated too. The pure module's ``render`` stays the reference.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import BusinessPotential, LeaderLevel

LEVELS = {
    1: gettext_lazy("high-priority"),
    2: gettext_lazy("medium-priority"),
    3: gettext_lazy("watch-list"),
}

TEXTS = {
    "spearhead": gettext_lazy("%(theme)s spearhead"),
    "no_spearhead": gettext_lazy("no spearhead theme"),
    "geo_city": gettext_lazy("%(level)s city %(city)s"),
    "geo_country": gettext_lazy("%(level)s country %(country)s"),
    "geo_region": gettext_lazy("%(country)s in a %(level)s region"),
    "geo_none": gettext_lazy("no geographic priority for %(country)s"),
    "leader_level": gettext_lazy("delegation led by: %(level)s"),
    "business_potential": gettext_lazy("business potential: %(potential)s"),
    "short_notice": gettext_lazy("short notice: %(days)s days (minimum %(minimum_days)s)"),
    "notice_ok": gettext_lazy("notice %(days)s days"),
    "no_capacity": gettext_lazy("no capacity on %(start)s – %(end)s"),
    "capacity_ok": gettext_lazy("capacity on %(start)s – %(end)s"),
    "too_long": gettext_lazy("visit of %(days)s days (maximum %(maximum_days)s)"),
    "length_ok": gettext_lazy("visit of %(days)s days"),
    "large_delegation": gettext_lazy("delegation of %(size)s (more than %(maximum)s)"),
    "delegation_size_ok": gettext_lazy("delegation of %(size)s"),
    "repeat_visit": gettext_lazy("repeat visit within %(window)s (previous %(previous)s)"),
    "earlier_visit": gettext_lazy("earlier visit on %(previous)s"),
    "first_visit": gettext_lazy("first visit from this organisation"),
}


def _date(text: str) -> str:
    from datetime import date

    try:
        return date_format(date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return str(text)


def _window(days: int) -> str:
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def _params(code: str, params: dict, names: dict) -> dict:
    values = dict(params)
    if "level" in values and code.startswith("geo_"):
        values["level"] = LEVELS.get(values["level"], values["level"])
    if code == "leader_level":
        values["level"] = LeaderLevel(values["level"]).label.lower()
    if code == "business_potential":
        values["potential"] = BusinessPotential(values["potential"]).label.lower()
    if "theme" in values:
        values["theme"] = names.get(("theme", values["theme"]), values["theme"])
    if "country" in values:
        values["country"] = names.get(("country", values["country"]), values["country"])
    if code == "geo_city":
        values["city"] = names.get(("city", values.get("city_id")), "")
    for key in ("start", "end", "previous"):
        if key in values:
            values[key] = _date(values[key])
    if "window_days" in values:
        values["window"] = _window(values["window_days"])
    return values


def points_text(points: int) -> str:
    return f"+{points}" if points > 0 else str(points).replace("-", "−")


def render(reason: dict, names: dict | None = None) -> str:
    """``"+20 Ilmasto: kärkiteema"``-style line for one stored reason, in the active language."""
    code = reason["code"]
    template = TEXTS.get(code)
    if template is None:  # a reason from a newer triage module: show its code
        text = code
    else:
        text = str(template) % _params(code, reason.get("params", {}), names or {})
    line = f"{points_text(reason['points'])} {text}".strip()
    if reason.get("hard"):
        rule = _("rule")
        return f"{line} ({rule})"
    return line


def lines(triage: dict, names: dict | None = None) -> list[dict]:
    """Every stored reason as ``{"text", "points", "hard"}`` for templates and the API."""
    return [
        {"text": render(r, names), "points": r["points"], "hard": r.get("hard", False)}
        for r in triage.get("reasons", [])
    ]


def names_for(triages: list[dict]) -> dict:
    """Translated names of the themes, countries and cities the reasons mention (three
    queries for a whole page of requests)."""
    from citydiplomacy.core.models import City, Country, Theme

    themes, countries, cities = set(), set(), set()
    for triage in triages:
        for reason in triage.get("reasons", []):
            params = reason.get("params", {})
            if "theme" in params:
                themes.add(params["theme"])
            if "country" in params:
                countries.add(params["country"])
            if "city_id" in params:
                cities.add(params["city_id"])
    names = {}
    if themes:
        for code, name in Theme.objects.filter(code__in=themes).values_list("code", "name"):
            names[("theme", code)] = name
    if countries:
        for code, name in Country.objects.filter(code__in=countries).values_list("code", "name"):
            names[("country", code)] = name
    if cities:
        for pk, name in City.objects.filter(pk__in=cities).values_list("pk", "name"):
            names[("city", pk)] = name
    return names
