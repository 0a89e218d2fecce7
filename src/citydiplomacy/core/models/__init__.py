"""Core records: organisation units, users and roles, places, themes, and the owned-record base."""

from .places import City, Country, Region
from .records import OwnedQuerySet, OwnedRecord, TrackedModel, Visibility
from .schedule import ScheduledRun
from .themes import Theme, ThemeScheme
from .units import OrganisationUnit, UnitKind
from .users import Role, User

__all__ = [
    "City",
    "Country",
    "OrganisationUnit",
    "OwnedQuerySet",
    "OwnedRecord",
    "Region",
    "Role",
    "ScheduledRun",
    "Theme",
    "ThemeScheme",
    "TrackedModel",
    "UnitKind",
    "User",
    "Visibility",
]
