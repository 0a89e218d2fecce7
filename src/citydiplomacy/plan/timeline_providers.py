"""The plan's own timeline entries: status updates and recorded changes of a measure."""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import timeline
from .models import Measure, MeasureStatus


@timeline.register
def status_updates(item, user):
    if not isinstance(item, Measure):
        return []
    return [
        timeline.TimelineEntry(
            when=update.reported_on,
            kind="update",
            label=_("Status update"),
            title=f"{MeasureStatus(update.status).label} · {update.progress} %",
            text=update.text,
            actor=str(update.author or ""),
        )
        for update in item.updates.select_related("author")[:200]
    ]


@timeline.register
def recorded_changes(item, user):
    if not isinstance(item, Measure):
        return []
    created = item.history.filter(history_type="+").select_related("history_user").first()
    if created is None:
        return []
    return [
        timeline.TimelineEntry(
            when=timezone.localdate(created.history_date),
            kind="change",
            label=_("Created"),
            title=_("The measure was added to the plan"),
            actor=str(created.history_user or ""),
        )
    ]
