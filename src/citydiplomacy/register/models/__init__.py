"""The coordination register's records."""

from .activities import (
    Activity,
    ActivityAttachment,
    ActivityKind,
    ActivityQuerySet,
    ActivityStatus,
    CalendarFeed,
    DelegationLevel,
    PartnerKind,
    PartnerOrganisation,
)
from .imports import ActivityImport, ImportState
from .radar import FindingKind, RadarFinding, RadarSettings
from .trips import ApprovalState, TripApproval

__all__ = [
    "Activity",
    "ActivityAttachment",
    "ActivityImport",
    "ActivityKind",
    "ActivityQuerySet",
    "ActivityStatus",
    "ApprovalState",
    "CalendarFeed",
    "DelegationLevel",
    "FindingKind",
    "ImportState",
    "PartnerKind",
    "PartnerOrganisation",
    "RadarFinding",
    "RadarSettings",
    "TripApproval",
]
