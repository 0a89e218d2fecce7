"""How other capabilities put what they did into the register (a hosted visit, an event…).

One activity per source record: recording again updates it, so a capability can call this
whenever its record changes.
"""

from django.db import transaction

from citydiplomacy.core.models import City, Country, Theme

from ..models import Activity, ActivityKind, ActivityStatus, PartnerKind, PartnerOrganisation


@transaction.atomic
def record_from_source(
    source: str,
    source_id: int,
    *,
    unit,
    kind: str,
    title: str,
    start_date,
    end_date,
    country_codes=(),
    city_ids=(),
    partner_name: str = "",
    partner_kind: str = PartnerKind.OTHER,
    theme_codes=(),
    participants: str = "",
    participant_count: int = 1,
    outcomes: str = "",
    visibility: str = "internal",
    status: str = ActivityStatus.DONE,
    by=None,
) -> Activity:
    if kind not in ActivityKind.values:
        raise ValueError(f"unknown activity kind {kind!r}")
    activity = Activity.objects.filter(source=source, source_id=source_id).first()
    if activity is None:
        activity = Activity(source=source, source_id=source_id, created_by=by)
    else:
        activity.version += 1
    activity.unit = unit
    activity.kind = kind
    activity.title = title[:300]
    activity.start_date, activity.end_date = start_date, end_date
    activity.participants = participants
    activity.participant_count = max(1, participant_count)
    activity.outcomes = outcomes
    activity.visibility = visibility
    activity.status = status
    activity.modified_by = by
    activity.full_clean(exclude=["unit", "created_by", "modified_by"])
    activity.save()

    countries = list(Country.objects.filter(code__in=country_codes))
    activity.countries.set(countries)
    activity.cities.set(City.objects.filter(pk__in=city_ids))
    activity.themes.set(Theme.objects.filter(code__in=theme_codes))
    if partner_name:
        partner, _created = PartnerOrganisation.objects.get_or_create(
            name=partner_name.strip()[:200],
            country=countries[0] if len(countries) == 1 else None,
            defaults={"kind": partner_kind},
        )
        activity.partners.set([partner])
    return activity
