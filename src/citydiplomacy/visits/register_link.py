"""A held visit appears in the coordination register as an incoming-visit activity.

Goes through the register's own service (``record_from_source``), imported when needed, so
the visits work before the register is installed: then this does nothing.
"""

import logging

logger = logging.getLogger(__name__)

SOURCE = "visits"


def _service():
    try:
        from citydiplomacy.register.services.sources import record_from_source
    except ImportError:
        return None
    return record_from_source


def is_available() -> bool:
    return _service() is not None


def outcomes_text(visit) -> str:
    return "\n".join(
        f"{outcome.get_kind_display()}: {outcome.description}" for outcome in visit.outcomes.all()
    )


def record_visit(visit, by=None):
    """Create or update the register's activity for ``visit``; None when there is no register."""
    record = _service()
    if record is None:
        return None
    leader = visit.get_leader_level_display()
    participants = f"{visit.organisation_name}: {visit.delegation_size} ({leader})"
    return record(
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
