"""A held visit appears in the coordination register as an incoming-visit activity.

Goes through the register's own service (``record_from_source``), so the register decides how
an activity is stored; one activity per visit, updated as outcomes are recorded.
"""

SOURCE = "visits"


def outcomes_text(visit) -> str:
    return "\n".join(
        f"{outcome.get_kind_display()}: {outcome.description}" for outcome in visit.outcomes.all()
    )


def record_visit(visit, by=None):
    """Create or update the register's activity for ``visit``."""
    # Imported here: the register's models load after the visits app's.
    from citydiplomacy.register.services.sources import record_from_source

    leader = visit.get_leader_level_display()
    participants = f"{visit.organisation_name}: {visit.delegation_size} ({leader})"
    return record_from_source(
        SOURCE,
        str(visit.pk),
        unit=visit.unit,
        kind="visit",
        title=f"{visit.organisation_name} ({visit.reference})",
        start_date=visit.first_day,
        end_date=visit.last_day,
        country_codes=(visit.country.code,),
        city_ids=(visit.city_id,) if visit.city_id else (),
        partner_name=visit.organisation_name,
        theme_codes=tuple(theme.code for theme in visit.themes.all()),
        participants=participants,
        outcomes=outcomes_text(visit),
        visibility="internal",
        by=by,
    )
