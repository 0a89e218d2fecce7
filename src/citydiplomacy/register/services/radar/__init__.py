"""The coordination radar in the product: the register's rows in, stored findings out.

The pure radar (``register/radar``, ``docs/radar.md``) compares activities; this module feeds it
columns straight from a few queries (never one object per activity), stores what it finds as
:class:`RadarFinding` rows and decides who sees them.

A finding is identified across scans by its ``signature`` (kind, shared key, activity ids), so
a re-scan only touches ``last_seen``, a finding that is no longer found is marked resolved, and
a dismissed one stays dismissed: a later finding whose activities a dismissed finding on the
same key already covers is not stored again.

The package keeps one aggregate per module: ``store`` (rows in, findings synced), ``checking``
(full scan, incremental check, checking on commit) and ``audience`` (who sees a finding,
dismissal, digest, what pages show).
"""

from .audience import (
    actionable,
    can_dismiss,
    dashboard_panel,
    detail_findings,
    digest_recipients,
    dismiss,
    involving_unit,
    open_findings,
    ordered,
    send_digest,
    visible_findings,
    with_details,
)
from .checking import (
    check_activity,
    check_on_commit,
    forget_activity,
    full_scan,
    idle_measures,
    is_suspended,
    radar_suspended,
)
from .store import Found, SyncResult, config_of, load_table, sync_findings

__all__ = [
    "Found",
    "SyncResult",
    "actionable",
    "can_dismiss",
    "check_activity",
    "check_on_commit",
    "config_of",
    "dashboard_panel",
    "detail_findings",
    "digest_recipients",
    "dismiss",
    "forget_activity",
    "full_scan",
    "idle_measures",
    "involving_unit",
    "is_suspended",
    "load_table",
    "open_findings",
    "ordered",
    "radar_suspended",
    "send_digest",
    "sync_findings",
    "visible_findings",
    "with_details",
]
